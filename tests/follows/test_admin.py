"""The editors' side: subscribers searched and filtered, follower counts on the show list, the
delivery log of a recap, "send a test to me" with the real alert, the next digest's preview."""

import pytest
from django.core import mail
from django.urls import reverse

from demo.factories import make_episode, make_recap
from follows.models import Delivery, Follower
from tests.follows.conftest import make_follower

pytestmark = pytest.mark.django_db


def test_subscribers_search_and_filters(editor_client, soundtrack, weekly_us_show):
    make_follower("ana@example.com", show=soundtrack)
    make_follower("bo@example.com", show=weekly_us_show, source="footer")
    make_follower("cy@example.com", show=None, state=Follower.State.UNSUBSCRIBED)
    url = reverse("admin:follows_follower_changelist")

    def emails(**params):
        response = editor_client.get(url, params)
        assert response.status_code == 200
        return sorted(f.email for f in response.context["cl"].result_list)

    assert emails(q="ana") == ["ana@example.com"]
    assert emails(show=str(soundtrack.pk)) == ["ana@example.com"]
    assert emails(show="everything") == ["cy@example.com"]
    assert emails(state__exact="unsubscribed") == ["cy@example.com"]
    assert emails(source__exact="footer") == ["bo@example.com"]


def test_the_show_list_counts_confirmed_followers(editor_client, soundtrack, weekly_us_show):
    for n in range(3):
        make_follower(f"fan{n}@example.com", show=soundtrack)
    response = editor_client.get(reverse("admin:shows_show_changelist"))
    counts = {show.title: show.follower_total for show in response.context["cl"].result_list}
    assert counts == {"Soundtrack #2": 3, "Late Night": 0}
    assert "Followers" in response.text


def test_the_recap_page_links_its_delivery_log_and_a_test(editor_client, recap, soundtrack):
    follower = make_follower("fan@example.com", show=soundtrack)
    Delivery.objects.create(follower=follower, recap=recap, kind="alert", state="bounced")
    page = editor_client.get(reverse("admin:recaps_recap_change", args=[recap.pk]))
    log = reverse("admin:follows_delivery_changelist") + f"?recap__id__exact={recap.pk}"
    assert log in page.text
    assert reverse("admin:follows_delivery_send_test", args=[recap.pk]) in page.text
    listed = editor_client.get(log).context["cl"].result_list
    assert [(d.follower.email, d.state) for d in listed] == [("fan@example.com", "bounced")]


def test_send_a_test_to_me_renders_the_real_alert(editor_client, editor, soundtrack):
    recap = make_recap(make_episode(soundtrack, 5), published=False, subtitle="Big Reveal")
    response = editor_client.post(reverse("admin:follows_delivery_send_test", args=[recap.pk]))
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [editor.email]
    assert message.subject == "[Test] Soundtrack #2, episode 5: the recap is up"
    html = message.alternatives[0].content
    assert "Read the recap of episode 5" in html and "Big Reveal" not in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not Delivery.objects.exists()  # a test is not a delivery


def test_send_a_test_is_a_post(editor_client, recap):
    response = editor_client.get(reverse("admin:follows_delivery_send_test", args=[recap.pk]))
    assert response.status_code == 405
    assert mail.outbox == []


def test_the_next_digest_preview(editor_client, soundtrack, editor):
    follower = make_follower("fan@example.com", show=soundtrack, frequency="weekly")
    url = reverse("admin:follows_follower_digest_preview", args=[follower.pk])
    assert "No digest would go out" in editor_client.get(url).text
    make_recap(make_episode(soundtrack, 3), author=editor)
    preview = editor_client.get(url)
    assert preview.status_code == 200
    assert "Soundtrack #2" in preview.text and "Episode 3: the recap is up" in preview.text

"""The recap page keeps what is the same for every reader (the article rendered, its neighbours,
Also Read, tags and rating) between requests, with the page cache off: a request for a kept
article runs no query, and every change that alters it shows on the next request."""

import pytest
from django_comments_xtd.models import XtdComment

from discussion.admin import set_status
from discussion.models import Moderation
from recaps.models import Recap
from tests.discussion.conftest import make_comment
from tests.reader.conftest import html
from tests.spoilers.conftest import signed

pytestmark = pytest.mark.usefixtures("no_page_cache")


def test_a_kept_article_runs_no_query(client, series, django_assert_num_queries):
    url = series["recap"].get_absolute_url()
    first = html(client.get(url))
    with django_assert_num_queries(0):
        again = html(client.get(url))
    assert again == first


def test_an_edit_shows_on_the_next_request(client, series):
    recap = series["recap"]
    html(client.get(recap.get_absolute_url()))
    recap.subtitle = "A new subtitle"
    recap.save()
    assert "A new subtitle" in html(client.get(recap.get_absolute_url()))


def test_unpublishing_hides_a_kept_article_at_once(client, series):
    recap = series["recap"]
    html(client.get(recap.get_absolute_url()))
    recap.status = Recap.Status.UNPUBLISHED
    recap.save()
    assert client.get(recap.get_absolute_url()).status_code == 404


def test_a_new_slug_redirects_from_a_kept_article(client, series):
    recap = series["recap"]
    old_url = recap.get_absolute_url()
    html(client.get(old_url))
    recap.slug = "soundtrack-2-episode-3-renamed"
    recap.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == recap.get_absolute_url()


def test_an_approved_comment_updates_the_count_and_thread(client, series):
    recap = series["recap"]
    url = recap.get_absolute_url()
    assert "0 comments" in html(client.get(url))
    comment = make_comment(
        recap, Moderation.Status.HELD, comment="Approved while the article was kept."
    )
    set_status(XtdComment.objects.filter(pk=comment.pk), Moderation.Status.APPROVED)
    page = html(client.get(url))
    assert "1 comment<" in page
    assert "Approved while the article was kept." in page


def test_a_person_edit_reaches_the_facts_box(client, series):
    recap, person = series["recap"], series["people"][0]
    html(client.get(recap.get_absolute_url()))
    person.name = "Geum Sae-rok Renamed"
    person.save()
    assert "Geum Sae-rok Renamed" in html(client.get(recap.get_absolute_url()))


def test_a_marked_reader_gets_the_warning_for_a_kept_article(client, series):
    later = series["recaps"][5]
    html(client.get(later.get_absolute_url()))
    client.cookies["watched"] = signed(f"{series['show'].pk}:2")
    response = client.get(later.get_absolute_url())
    page = response.content.decode()
    assert "Spoiler warning" in page
    assert later.subtitle not in page


def test_each_reader_gets_their_own_parts_around_a_kept_article(client, series):
    recap = series["recap"]
    url = recap.get_absolute_url()
    hidden = "Soundtrack #2 Episode 2 — recap hidden"
    assert hidden not in html(client.get(url))
    client.cookies["theme"] = "dark"
    client.cookies["watched"] = signed(f"{series['show'].pk}:1")
    page = html(client.get(url + "?spoilers=show"))
    assert 'data-theme="dark"' in page
    assert "You've marked episode 1 as watched" in page
    # The previous episode's recap comes after the mark: its link is masked.
    assert hidden in page
    assert recap.subtitle in page

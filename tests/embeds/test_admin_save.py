"""An editor pastes a link on a line of its own in the recap form: the save asks the provider,
and a provider that is slow or down costs the editor a few seconds at most, never the save."""

import pytest
from django.urls import reverse

from embeds.models import Embed
from recaps.models import Recap
from tests.admin_forms import form_data
from tests.embeds.fake_provider import YOUTUBE_URL, Reply

pytestmark = pytest.mark.django_db


def change_url(recap):
    return reverse("admin:recaps_recap_change", args=[recap.pk])


def save_with_link(editor_client, recap):
    data = form_data(editor_client.get(change_url(recap)))
    # What the editor stores when a pasted address on an empty line is linked (tiptap's
    # linkOnPaste), and an address typed as text.
    data["body"] = f'<p>The trailer:</p><p><a href="{YOUTUBE_URL}">{YOUTUBE_URL}</a></p>'
    data["review"] = "<p>https://vimeo.com/76979871</p>"
    return editor_client.post(change_url(recap), data)


def test_a_link_pasted_in_the_editor_is_asked_about_when_the_recap_is_saved(
    editor_client, recap, provider
):
    provider.answer(YOUTUBE_URL)
    response = save_with_link(editor_client, recap)
    assert response.status_code == 302
    assert sorted(provider.asked) == ["https://vimeo.com/76979871", YOUTUBE_URL]
    assert Embed.objects.get(url=YOUTUBE_URL).status == Embed.Status.READY


@pytest.mark.parametrize("reply", [Reply(b"{}", delay=2), Reply(b"down", status=503)])
def test_a_slow_or_failing_provider_does_not_fail_the_save(
    editor_client, recap, provider, settings, reply
):
    settings.EMBEDS_TIMEOUT_SECONDS = 0.3
    provider.answer(YOUTUBE_URL, reply)
    response = save_with_link(editor_client, recap)
    assert response.status_code == 302
    assert YOUTUBE_URL in Recap.objects.get(pk=recap.pk).body
    assert Embed.objects.get(url=YOUTUBE_URL).status == Embed.Status.FAILED

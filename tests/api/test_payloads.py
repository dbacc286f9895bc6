"""The representations the webhooks send are the API's: the same recap, show and comment."""

from django.utils import timezone
from django_comments_xtd.models import XtdComment

from api.payloads import comment_payload_for, recap_payload_for, show_payload_for


def test_a_recap_payload_is_the_api_representation(series, client, settings):
    settings.FOLLOWS_SITE_URL = "http://testserver"
    from_api = client.get("/api/v1/recaps/soundtrack-2-episode-3/").json()
    assert recap_payload_for(series["recap"]) == from_api


def test_a_show_payload_has_its_facts(series):
    payload = show_payload_for(series["show"], base="https://recaps.example")
    assert payload["url"] == "https://recaps.example/shows/soundtrack-2/"
    assert payload["facts"]["cast"].startswith("Soundtrack #2 stars")


def test_a_comment_payload_leaves_out_the_email(series, django_user_model):
    recap = series["recap"]
    comment = XtdComment.objects.create(
        content_object=recap,
        site_id=1,
        user_name="Jia",
        user_email="jia@example.com",
        comment="That ending!",
        submit_date=timezone.now(),
    )
    payload = comment_payload_for(comment, base="https://recaps.example")
    assert payload["author"] == "Jia" and payload["text"] == "That ending!"
    assert payload["url"] == f"https://recaps.example/recaps/{recap.slug}/#c{comment.pk}"
    assert "jia@example.com" not in str(payload)

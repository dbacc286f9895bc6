"""API answers go through the page cache as reader pages do: tags, validators, 304, and purges
on publish, edit and unpublish of what they show."""

from django.utils import timezone

from recaps.models import Recap

DETAIL = "/api/v1/recaps/soundtrack-2-episode-3/"


def test_an_answer_is_public_tagged_and_validated(series, client):
    first = client.get(DETAIL)
    assert first["X-Page-Cache"] == "miss"
    assert "public" in first["Cache-Control"]
    tags = set(first["Cache-Tag"].split(","))
    recap = series["recap"]
    assert {f"recap:{recap.pk}", f"comments:{recap.pk}", f"show:{series['show'].pk}"} <= tags
    again = client.get(DETAIL)
    assert again["X-Page-Cache"] == "hit"
    assert again.json() == first.json()
    assert again["Access-Control-Allow-Origin"] == "*"
    unchanged = client.get(DETAIL, headers={"If-None-Match": first["ETag"]})
    assert unchanged.status_code == 304


def test_an_edit_purges_the_recap(series, client):
    client.get(DETAIL)
    recap = series["recap"]
    recap.verdict = "Even better the second time."
    recap.save()
    fresh = client.get(DETAIL)
    assert fresh["X-Page-Cache"] == "miss"
    assert fresh.json()["verdict"] == "Even better the second time."


def test_unpublishing_takes_the_recap_out_of_the_detail_and_the_list(series, client):
    assert client.get(DETAIL).status_code == 200
    listed = [r["slug"] for r in client.get("/api/v1/recaps/").json()["results"]]
    assert "soundtrack-2-episode-3" in listed
    recap = series["recap"]
    recap.status = Recap.Status.UNPUBLISHED
    recap.save()
    assert client.get(DETAIL).status_code == 404
    listed = [r["slug"] for r in client.get("/api/v1/recaps/").json()["results"]]
    assert "soundtrack-2-episode-3" not in listed


def test_a_recap_of_another_show_going_live_leaves_a_recap_kept(series, client):
    client.get(DETAIL)
    draft = Recap.objects.get(slug="youth-of-may-3-draft")
    draft.status, draft.published_at = Recap.Status.PUBLISHED, timezone.now()
    draft.save()
    assert client.get(DETAIL)["X-Page-Cache"] == "hit"


def test_publishing_puts_a_draft_in_the_list(series, client):
    before = [r["slug"] for r in client.get("/api/v1/recaps/").json()["results"]]
    assert "draft-four" not in before
    draft = series["draft"]
    draft.status, draft.published_at = Recap.Status.PUBLISHED, timezone.now()
    draft.save()
    after = [r["slug"] for r in client.get("/api/v1/recaps/").json()["results"]]
    assert after[0] == "draft-four"
    assert client.get("/api/v1/recaps/draft-four/").status_code == 200


def test_answers_to_endless_parameters_are_not_kept(series, client):
    for url in (
        f"{DETAIL}?watched={series['show'].pk}:5",
        f"{DETAIL}?fields=id",
        "/api/v1/recaps/?updated_since=2020-01-01T00:00:00Z",
        "/api/v1/recaps/?show=no-such-show",
        "/api/v1/recaps/?unknown=1",
    ):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "bypass", url

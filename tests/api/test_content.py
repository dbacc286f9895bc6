"""What the content API says: published content only, whole recaps, shows with their facts and
air times, filters, cursors, fields= and watched=."""

from datetime import timedelta

from django.utils import timezone

from recaps.models import Recap


def test_recap_detail_gives_the_whole_recap(series, api_get):
    body, response = api_get("/api/v1/recaps/soundtrack-2-episode-3/")
    assert response.status_code == 200
    assert body["headline"] == "Soundtrack #2 Episode 3 Recap and Review: Chapter 3"
    assert body["url"] == "http://testserver/recaps/soundtrack-2-episode-3/"
    assert body["verdict"] == "A tender hour that earns its ending."
    assert body["rating"] == 8
    assert {tag["name"] for tag in body["tags"]} == {"k-drama", "Romance"}
    assert body["reading_minutes"] >= 1 and body["comment_count"] == 0
    assert [s["key"] for s in body["sections"]] == ["recap", "bonus_track", "review"]
    recap_still = body["sections"][0]["stills"][0]
    assert recap_still["caption"] == "Recap still"
    assert recap_still["width"] == 1240 and recap_still["height"] == 698
    assert recap_still["alt"]
    formats = {(r["format"], r["width"]) for r in recap_still["renditions"]}
    assert {("webp", 480), ("jpeg", 1200)} <= formats
    assert all(r["url"].startswith("http://testserver/media/") for r in recap_still["renditions"])
    assert body["hero"]["credit"] == "Disney+"
    assert "Second." in body["sections"][0]["html"]


def test_drafts_and_scheduled_recaps_are_nowhere(series, api_get):
    for slug in ("draft-four", "future-six", "youth-of-may-3-draft"):
        body, response = api_get(f"/api/v1/recaps/{slug}/")
        assert response.status_code == 404 and body == {"detail": "Not found."}
    listed, _ = api_get("/api/v1/recaps/?page_size=100")
    slugs = {recap["slug"] for recap in listed["results"]}
    assert slugs == {
        "soundtrack-2-episode-1",
        "soundtrack-2-episode-2",
        "soundtrack-2-episode-3",
        "soundtrack-2-episode-5",
        "youth-of-may-2",
    }


def test_show_detail_has_schedule_platforms_facts_and_air_times(series, api_get):
    body, _ = api_get("/api/v1/shows/soundtrack-2/")
    assert body["platforms"] == [{"name": "Disney+", "slug": "disney-plus", "website": ""}]
    assert body["schedule"]["weekdays"] == ["wednesday"]
    assert body["schedule"]["time_zone"] == "Asia/Kolkata"
    assert body["facts"]["cast"].startswith("Soundtrack #2 stars Geum Sae-rok and Steve Noh")
    assert body["facts"]["last_seen"] == ["Geum Sae-rok was last seen in Youth of May."]
    assert "Disney+" in body["facts"]["run"]
    first = body["episodes"][0]
    # 1:30 PM in India is 08:00 UTC.
    assert first["airs_at"] == "2023-12-06T08:00:00Z"
    assert first["airs_at_local"] == "2023-12-06T13:30:00+05:30"
    assert body["episodes"][4]["air_date"] == "2023-12-20"
    assert {c["person"]["name"] for c in body["cast"]} == {"Geum Sae-rok", "Steve Noh", "Demian"}


def test_people_and_tags(series, api_get):
    person, _ = api_get("/api/v1/people/geum-sae-rok/")
    assert {c["show"]["slug"] for c in person["credits"]} == {"soundtrack-2", "youth-of-may"}
    people, _ = api_get("/api/v1/people/?show=soundtrack-2")
    assert [p["name"] for p in people["results"]] == ["Demian", "Geum Sae-rok", "Steve Noh"]
    tags, _ = api_get("/api/v1/tags/")
    assert [t["name"] for t in tags["results"]] == ["k-drama", "Romance"]


def test_filters(series, api_get):
    by_show, _ = api_get("/api/v1/recaps/?show=youth-of-may")
    assert [r["slug"] for r in by_show["results"]] == ["youth-of-may-2"]
    by_tag, _ = api_get("/api/v1/recaps/?tag=romance")
    assert [r["slug"] for r in by_tag["results"]] == ["soundtrack-2-episode-3"]
    Recap.objects.filter(slug="soundtrack-2-episode-1").update(
        updated_at=timezone.now() + timedelta(hours=1)
    )
    since = (timezone.now() + timedelta(minutes=30)).isoformat().replace("+00:00", "Z")
    changed, _ = api_get(f"/api/v1/recaps/?updated_since={since}")
    assert [r["slug"] for r in changed["results"]] == ["soundtrack-2-episode-1"]
    # Episodes 3-4 aired on 2023-12-13, 5-6 on 2023-12-20.
    later, _ = api_get("/api/v1/recaps/?show=soundtrack-2&aired_after=2023-12-13")
    assert [r["slug"] for r in later["results"]] == ["soundtrack-2-episode-5"]
    episodes, _ = api_get("/api/v1/episodes/?show=soundtrack-2&aired_after=2023-12-13")
    assert [e["number"] for e in episodes["results"]] == [5, 6]


def test_cursor_pages_walk_every_recap_once(series, api_get):
    seen, url = [], "/api/v1/recaps/?page_size=2"
    while url:
        body, _ = api_get(url)
        seen += [recap["slug"] for recap in body["results"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == 5


def test_fields_picks_fields(series, api_get):
    body, _ = api_get("/api/v1/recaps/soundtrack-2-episode-3/?fields=id,headline")
    assert set(body) == {"id", "headline"}
    body, response = api_get("/api/v1/recaps/?fields=id,password")
    assert response.status_code == 400 and "password" in body["detail"]


def test_watched_masks_what_the_spoiler_mark_masks(series, api_get):
    show = series["show"].pk
    body, _ = api_get(f"/api/v1/recaps/soundtrack-2-episode-5/?watched={show}:3")
    assert body["masked"] is True
    assert set(body) == {"id", "slug", "url", "masked", "show", "episode"}
    listed, _ = api_get(f"/api/v1/recaps/?watched={show}:3&show=soundtrack-2")
    masked = {r["slug"]: r["masked"] for r in listed["results"]}
    assert masked == {
        "soundtrack-2-episode-5": True,
        "soundtrack-2-episode-3": False,
        "soundtrack-2-episode-2": False,
        "soundtrack-2-episode-1": False,
    }
    hub, _ = api_get(f"/api/v1/shows/soundtrack-2/?watched={show}:all")
    assert not any(e["masked"] for e in hub["episodes"])
    hub, _ = api_get(f"/api/v1/shows/soundtrack-2/?watched={show}:4")
    assert [e["masked"] for e in hub["episodes"]] == [False] * 4 + [True] * 2
    assert hub["episodes"][5]["title"] is None

"""Keeping added shows true: the sync reads /updates/shows and fetches only what changed."""

from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from catalogue import client, sync, tasks
from catalogue.providers import provider
from shows.models import Show

pytestmark = pytest.mark.django_db


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def delay(tvmaze, show_id, numbers, days):
    for item in tvmaze.shows[show_id]["show"]["_embedded"]["episodes"]:
        if item["number"] in numbers:
            moment = datetime.fromisoformat(item["airstamp"]) + timedelta(days=days)
            item["airstamp"] = moment.isoformat()
    tvmaze.touch(show_id)


def test_a_delayed_episode_moves_on_the_next_sync(tvmaze):
    run("add_show", "--tvmaze", "1001")
    delay(tvmaze, 1001, {5, 6}, 7)
    output = run("sync_catalogue")
    show = Show.objects.get(catalogue_id="TVmaze:1001:1")
    dates = {e.number: e.air_date for e in show.episodes.all()}
    assert dates[4] == date(2023, 12, 13)
    assert dates[5] == dates[6] == date(2023, 12, 27)
    assert "Changed air date override of Soundtrack #2 episode 5" in output
    assert "3 calls to TVmaze" in output  # the updates, the show, its other titles


def test_a_new_episode_and_a_new_count_arrive(tvmaze):
    run("add_show", "--tvmaze", "1001")
    entry = tvmaze.shows[1001]["show"]
    extra = dict(entry["_embedded"]["episodes"][-1], id=9007, number=7, name="Bonus Track")
    extra["airstamp"] = "2023-12-27T04:30:00+00:00"
    entry["_embedded"]["episodes"].append(extra)
    entry["_embedded"]["seasons"][0]["episodeOrder"] = 7
    tvmaze.touch(1001)
    run("sync_catalogue")
    show = Show.objects.get()
    assert show.planned_episode_count == 7
    assert show.episodes.get(number=7).air_date == date(2023, 12, 27)


def test_a_sync_with_nothing_changed_asks_once_and_writes_nothing(
    tvmaze, django_assert_max_num_queries
):
    run("add_show", "--tvmaze", "1001")
    before = client.calls["api"]
    with django_assert_max_num_queries(8):
        output = run("sync_catalogue")
    assert output.startswith("Nothing changed.")
    assert client.calls["api"] - before == 1


def test_a_hand_edit_is_kept_and_listed_with_the_catalogue_value_to_take(tvmaze, editor_client):
    run("add_show", "--tvmaze", "1001")
    show = Show.objects.get()
    show.title = "Soundtrack 2"
    show.save()
    episode = show.episodes.get(number=1)
    episode.title = "Our own title"
    episode.save()
    tvmaze.shows[1001]["show"]["name"] = "Soundtrack #2 (2023)"
    tvmaze.shows[1001]["show"]["_embedded"]["episodes"][1]["name"] = "Track Two"
    tvmaze.touch(1001)
    output = run("sync_catalogue")
    show.refresh_from_db()
    episode.refresh_from_db()
    assert (show.title, episode.title) == ("Soundtrack 2", "Our own title")
    assert show.episodes.get(number=2).title == "Track Two"
    assert "Kept the hand-edited title of “Soundtrack #2 (2023)”" in output
    page = editor_client.get(f"/admin/shows/show/{show.pk}/change/").content.decode()
    assert "here “Soundtrack 2”, TVmaze says “Soundtrack #2 (2023)”" in page
    assert "episode 1 title: here “Our own title”" in page
    take = f"/admin/shows/show/{show.pk}/catalogue/take/"
    assert editor_client.get(take).status_code == 405
    response = editor_client.post(take, {"take": "show:title"})
    assert response.status_code == 302
    show.refresh_from_db()
    assert show.title == "Soundtrack #2 (2023)"
    editor_client.post(take, {"take": f"episode:{episode.pk}:title"})
    episode.refresh_from_db()
    assert episode.title == "Track 1"
    assert editor_client.post(take, {"take": "show:slug"}).status_code == 302  # not offered
    show.refresh_from_db()
    assert show.slug == "soundtrack-2"


def test_a_catalogue_away_fails_the_sync_in_words_and_changes_nothing(tvmaze):
    run("add_show", "--tvmaze", "1001")
    delay(tvmaze, 1001, {5, 6}, 7)
    tvmaze.fault = "503"
    with pytest.raises(CommandError, match="TVmaze is having trouble"):
        run("sync_catalogue")
    tvmaze.fault = None
    assert Show.objects.get().episodes.get(number=5).air_date == date(2023, 12, 20)
    run("sync_catalogue")  # the next run catches up
    assert Show.objects.get().episodes.get(number=5).air_date == date(2023, 12, 27)


def test_only_one_sync_runs_at_a_time(tvmaze):
    with sync.held(sync.LOCK) as first:
        assert first
        assert sync.run(provider()) is None
        with pytest.raises(CommandError, match="Another catalogue sync is running"):
            run("sync_catalogue")
    with sync.held(sync.LOCK) as again:
        assert again


def test_the_task_syncs_and_queues_its_next_run(tvmaze, settings):
    run("add_show", "--tvmaze", "1001")
    delay(tvmaze, 1001, {6}, 1)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    lines = tasks.sync_catalogue.call()
    queued = DBTaskResult.objects.get()
    assert queued.run_after > queued.enqueued_at + timedelta(hours=5)
    tasks.keep_syncing()
    tasks.schedule()
    assert DBTaskResult.objects.count() == 1  # one waiting run, never two
    assert any("episode 6" in line for line in lines)


def test_an_episode_typed_by_hand_is_linked_not_doubled(tvmaze):
    run("add_show", "--tvmaze", "1001")
    show = Show.objects.get()
    show.episodes.filter(number=6).update(catalogue_id="")
    entry = tvmaze.shows[1001]["show"]["_embedded"]["episodes"][5]
    entry["id"] = 9600  # the catalogue replaced episode 6
    tvmaze.touch(1001)
    run("sync_catalogue")
    assert show.episodes.count() == 6
    assert show.episodes.get(number=6).catalogue_id == "TVmaze:9600"


def test_a_sync_purges_the_cached_hub_of_a_show_it_changed(tvmaze, client):
    run("add_show", "--tvmaze", "1001")
    hub = Show.objects.get().get_absolute_url()
    assert "Dec 20, 2023" in client.get(hub).content.decode()
    assert client.get(hub)["X-Page-Cache"] == "hit"
    delay(tvmaze, 1001, {5, 6}, 7)
    run("sync_catalogue")
    response = client.get(hub)
    assert response["X-Page-Cache"] != "hit"
    page = response.content.decode()
    assert "Dec 27, 2023" in page and "Dec 20, 2023" not in page


def test_a_delay_from_the_catalogue_moves_a_recap_planned_after_the_episode_airs(tvmaze):
    """The desk's publication relative to air time (desk.moves) follows what a sync saves."""
    from demo.factories import make_recap, make_user
    from desk.models import RelativeSchedule
    from desk.moves import relative_time

    episodes = tvmaze.shows[1001]["show"]["_embedded"]["episodes"]
    delay(tvmaze, 1001, {item["number"] for item in episodes}, 7 * 209)  # from 8 Dec 2027
    run("add_show", "--tvmaze", "1001")
    episode = Show.objects.get(catalogue_id="TVmaze:1001:1").episodes.get(number=5)
    recap = make_recap(episode, author=make_user(), when=datetime(2030, 1, 1, tzinfo=UTC))
    plan = RelativeSchedule(recap=recap, episode=episode, offset=timedelta(hours=2))
    plan.publish_time = relative_time(plan)
    plan.save()
    recap.published_at = plan.publish_time
    recap.save()
    planned_for = recap.published_at

    delay(tvmaze, 1001, {5, 6}, 7)
    run("sync_catalogue")

    recap.refresh_from_db()
    assert recap.published_at == planned_for + timedelta(days=7)
    assert recap.relative_schedule.moved_from == planned_for

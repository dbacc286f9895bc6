"""Adding a show from the (fake) catalogue: what arrives, seasons, people, and a second run."""

from datetime import UTC, date, datetime, time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from catalogue.models import SyncedValues
from people import cast
from people.models import Credit, Person
from shows.models import Episode, Platform, Show

pytestmark = pytest.mark.django_db
BEFORE_PREMIERE = datetime(2023, 12, 1, tzinfo=UTC)


def add(*args):
    from io import StringIO

    out = StringIO()
    call_command("add_show", *args, stdout=out)
    return out.getvalue()


def test_soundtrack_2_reads_as_the_seed_articles_do(tvmaze, client):
    output = add("--tvmaze", "1001")
    show = Show.objects.get(catalogue_id="TVmaze:1001:1")
    assert "Created the show “Soundtrack #2”" in output
    assert show.native_title == "사운드트랙#2"
    assert show.other_titles == "Soundtrack 2"
    assert show.country == "Korea, Republic of"
    assert show.synopsis == "Soundtrack #2 is a test show & its summary."
    assert show.platform_names == ["Disney+"]
    assert (show.release_weekdays, show.release_time, show.time_zone) == (
        [2],
        time(13, 30),
        "Asia/Seoul",
    )
    assert show.poster.name.startswith("posters/") and show.poster.name.endswith(".png")
    assert [e.air_date for e in show.episodes.order_by("number")] == [
        date(2023, 12, 6),
        date(2023, 12, 6),
        date(2023, 12, 13),
        date(2023, 12, 13),
        date(2023, 12, 20),
        date(2023, 12, 20),
    ]
    assert not show.episodes.exclude(air_date_override=None).exists()
    facts = cast.show_facts(show, cast.credits_for_facts(show), BEFORE_PREMIERE)
    assert facts["cast_line"] == (
        "Soundtrack #2 stars Geum Sae-rok and Steve Noh in lead roles, along with Demian."
    )
    assert facts["run_line"] == (
        "Soundtrack #2 will stream on Disney+ from December 6, 2023, to December 20, 2023."
    )
    assert facts["schedule_line"] == "6 episodes; two are released every Wednesday at 1:30 PM KST."
    page = client.get(show.get_absolute_url()).content.decode()
    assert 'href="https://www.tvmaze.com/shows/1001/soundtrack-#2">TVmaze</a>' in page


def test_a_second_add_changes_nothing(tvmaze):
    add("--tvmaze", "1001")
    counts = [m.objects.count() for m in (Show, Episode, Person, Credit, Platform, SyncedValues)]
    output = add("--tvmaze", "1001")
    assert output.startswith("Nothing changed")
    assert [
        m.objects.count() for m in (Show, Episode, Person, Credit, Platform, SyncedValues)
    ] == counts


def test_each_season_becomes_a_show_following_the_one_before(tvmaze):
    add("--tvmaze", "1002")
    first, second, third = (Show.objects.get(catalogue_id=f"TVmaze:1002:{n}") for n in (1, 2, 3))
    assert [first.title, second.title, third.title] == [
        "Seasons Apart",
        "Seasons Apart season 2",
        "Seasons Apart: The Final Chapter",
    ]
    assert (first.follows, second.follows, third.follows) == (None, first, second)
    assert list(second.episodes.values_list("number", flat=True)) == [1, 2, 3]
    assert (second.premiere_date, second.release_weekdays, second.release_time) == (
        date(2022, 1, 7),
        [4],
        time(21, 0),
    )
    assert second.schedule_line(datetime(2022, 1, 1, tzinfo=UTC)) == (
        "3 episodes; one is released every Friday at 9:00 PM EST."
    )


def test_only_the_chosen_seasons_are_added_and_a_later_one_follows_them(tvmaze):
    add("--tvmaze", "1002", "--season", "2")
    assert list(Show.objects.values_list("catalogue_id", flat=True)) == ["TVmaze:1002:2"]
    add("--tvmaze", "1002", "--season", "3")
    third = Show.objects.get(catalogue_id="TVmaze:1002:3")
    assert third.follows.catalogue_id == "TVmaze:1002:2"


def test_a_person_of_the_same_name_is_reused_only_when_confirmed(tvmaze):
    demian = Person.objects.create(name="Demian", slug="demian", description="K-pop artist")
    output = add("--tvmaze", "1001")
    assert "Demian is also the name of person" in output
    assert Person.objects.filter(name="Demian").count() == 2
    Show.objects.all().delete()
    Person.objects.exclude(pk=demian.pk).delete()
    SyncedValues.objects.all().delete()
    add("--tvmaze", "1001", "--same")
    demian.refresh_from_db()
    assert demian.catalogue_id == "TVmaze:303"
    show = Show.objects.get()
    facts = cast.show_facts(show, cast.credits_for_facts(show), BEFORE_PREMIERE)
    assert facts["cast_line"].endswith("along with K-pop artist Demian.")


def test_a_title_is_taken_only_when_it_names_one_show(tvmaze):
    add("--title", "soundtrack #2")
    assert Show.objects.filter(catalogue_id="TVmaze:1001:1").exists()
    with pytest.raises(CommandError, match="is not one show"):
        add("--title", "S")


def test_the_first_billed_lead_and_the_rest_support(tvmaze):
    add("--tvmaze", "1001", "--leads", "1")
    roles = list(
        Credit.objects.order_by("billing_order").values_list(
            "person__name", "role", "character_name"
        )
    )
    assert roles == [
        ("Geum Sae-rok", "lead", "Do Hyeon-seo"),
        ("Steve Noh", "supporting", "Han Su-ho"),
        ("Demian", "supporting", "K"),
    ]


def test_without_a_schedule_it_is_read_from_the_air_stamps(tvmaze):
    tvmaze.shows[1001]["show"]["schedule"] = {"time": "", "days": []}
    add("--tvmaze", "1001")
    show = Show.objects.get()
    assert (show.release_weekdays, show.release_time, show.episodes_per_release) == (
        [2],
        time(13, 30),
        2,
    )
    assert not show.episodes.exclude(air_date_override=None).exists()


def test_a_streaming_drop_is_all_at_once(tvmaze):
    for item in tvmaze.shows[1001]["show"]["_embedded"]["episodes"]:
        item["airstamp"] = "2023-12-06T08:00:00+00:00"
    tvmaze.shows[1001]["show"]["schedule"] = {"time": "", "days": []}
    add("--tvmaze", "1001")
    show = Show.objects.get()
    assert show.all_at_once
    assert (
        show.schedule_line(BEFORE_PREMIERE)
        == "6 episodes, all released at once on December 6, 2023."
    )

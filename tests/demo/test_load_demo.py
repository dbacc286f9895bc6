from datetime import UTC, date, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from taggit.models import Tag

from demo import articles, catalogue
from people import cast
from people.models import Credit, Person
from recaps.models import Recap, Still, TaggedRecap
from shows.models import Episode, Platform, Show
from shows.schedule import ReleaseSchedule, air_date, release_moment

MODELS = (Platform, Show, Episode, Person, Credit, Recap, Still, Tag, TaggedRecap)


@pytest.fixture
def small_images(monkeypatch):
    """Tiny placeholder images: the loading logic is the same, the drawing much faster."""
    from demo import art

    monkeypatch.setattr(art, "STILL_SIZE", (160, 90))
    monkeypatch.setattr(art, "POSTER_SIZE", (80, 120))
    monkeypatch.setattr(art, "PORTRAIT_SIZE", (60, 60))


def load_demo(**options):
    out = StringIO()
    call_command("load_demo", force=True, stdout=out, **options)
    return out.getvalue()


def counts():
    counts = {model.__name__: model.objects.count() for model in MODELS}
    counts["User"] = get_user_model().objects.count()
    counts["AlsoRead"] = Recap.also_read.through.objects.count()
    return counts


def media_files(root):
    return sorted(str(path.relative_to(root)) for path in Path(root).rglob("*") if path.is_file())


@pytest.mark.django_db
def test_load_demo_creates_the_demo_publication(media_root):
    output = load_demo()

    assert output.startswith(
        "Demo content: 19 shows, 35 episodes, 19 people, 10 published recaps, 1 draft"
    )
    recapped = Show.objects.filter(episodes__recaps__isnull=False).distinct()
    assert recapped.count() >= 3
    published = Recap.objects.published()
    assert published.count() >= 8
    assert Recap.objects.filter(status=Recap.Status.DRAFT).count() == 1
    assert not published.filter(status=Recap.Status.DRAFT).exists()
    assert set(
        Recap.objects.filter(episode__show__slug="soundtrack-2").values_list(
            "episode__number", flat=True
        )
    ) == {1, 2, 3, 4, 5, 6}

    mina = get_user_model().objects.get(username="mina")
    assert mina.is_staff and not mina.has_usable_password()
    assert mina.get_full_name() == "Mina Park"
    assert set(Recap.objects.values_list("author__username", flat=True)) == {"mina"}

    for recap in published:
        stills = list(recap.stills.all())
        assert 2 <= len(stills) <= 3, recap.slug
        assert sum(still.is_hero for still in stills) == 1, recap.slug
        for still in stills:
            assert still.alt_text.strip()
            assert still.caption == f"Still from {recap.episode}"
            assert still.credit
            assert (still.width, still.height) == (1600, 900)
            assert (Path(media_root) / still.image.name).is_file()
        assert recap.headline.startswith(f"{recap.episode} Recap and Review: ")
        assert recap.body.count("<p>") >= 3
        assert recap.review and recap.verdict and 1 <= recap.rating <= 10
        assert recap.tags.exists()

    soundtrack = Show.objects.get(slug="soundtrack-2")
    assert soundtrack.poster and (Path(media_root) / soundtrack.poster.name).is_file()
    assert soundtrack.follows.slug == "soundtrack-1"
    assert [p.slug for p in soundtrack.platforms.all()] == ["disney-plus"]
    assert Person.objects.get(slug="geum-sae-rok").photo


@pytest.mark.django_db
def test_running_twice_changes_no_counts_and_draws_no_image_again(media_root, small_images):
    load_demo()
    before, files = counts(), media_files(media_root)
    still_names = sorted(Still.objects.values_list("image", flat=True))

    output = load_demo()

    assert counts() == before
    assert media_files(media_root) == files
    assert sorted(Still.objects.values_list("image", flat=True)) == still_names
    assert "(0 images drawn" in output


@pytest.mark.django_db
def test_a_deleted_still_gets_its_existing_file_back(media_root, small_images):
    load_demo()
    names = sorted(Still.objects.values_list("image", flat=True))
    Still.objects.all().delete()

    output = load_demo()

    assert sorted(Still.objects.values_list("image", flat=True)) == names
    assert "(0 images drawn" in output


@pytest.mark.django_db
def test_demo_facts_make_the_right_sentences(media_root, small_images):
    load_demo()
    soundtrack = Show.objects.get(slug="soundtrack-2")

    assert soundtrack.finale_date == date(2023, 12, 20)
    assert "streamed" in soundtrack.run_line(at=datetime(2024, 6, 1, tzinfo=UTC))
    credits = cast.credits_for_facts(soundtrack)
    lines = cast.last_seen_lines(soundtrack, credits)
    geum = next(line for line in lines if line.startswith("Geum Sae-rok"))
    assert (
        geum
        == "Geum Sae-rok was last seen in The Interest of Love, Youth of May and Joseon Exorcist."
    )
    assert "Steve Noh was last seen in Behind Every Star, Curtain Call and Pachinko." in lines
    assert cast.cast_line(soundtrack, credits).startswith(
        "Soundtrack #2 stars Geum Sae-rok and Steve Noh in lead roles, "
        "along with K-pop artist Demian"
    )

    samdal_ri = Show.objects.get(slug="welcome-to-samdal-ri")
    assert samdal_ri.finale_date == date(2024, 1, 21)
    last_of_us = Show.objects.get(slug="the-last-of-us")
    assert Episode.objects.get(show=last_of_us, number=5).air_date == date(2023, 2, 10)
    assert last_of_us.finale_date == date(2023, 3, 12)


@pytest.mark.django_db
def test_refuses_without_debug_or_force(settings, media_root):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("load_demo", stdout=StringIO())
    assert not Show.objects.exists()


def test_demo_recaps_are_complete_and_published_after_their_episode_aired():
    shows = {show.slug: show for show in catalogue.SHOWS}
    for recap in articles.RECAPS:
        assert recap.slug == f"{recap.show}-episode-{recap.episode}-recap-review"
        if recap.published_at is None:
            continue
        show = shows[recap.show]
        schedule = ReleaseSchedule(
            premiere=show.premiere_date,
            weekdays=show.release_weekdays,
            episodes_per_release=show.episodes_per_release,
            release_time=show.release_time,
            time_zone=show.time_zone,
            episode_count=show.planned_episode_count,
        )
        aired = show.air_date_overrides.get(recap.episode) or air_date(schedule, recap.episode)
        assert recap.published_at.tzinfo is not None
        assert release_moment(schedule, aired) < recap.published_at, recap.slug
        assert recap.published_at < datetime(2026, 1, 1, tzinfo=UTC), recap.slug
        assert 120 <= len(recap.meta_description) <= 160, recap.slug
        assert recap.verdict and recap.rating and recap.review, recap.slug
        assert set(recap.also_read) <= {other.slug for other in articles.RECAPS}

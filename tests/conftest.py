from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from model_bakery import baker

from tests import images


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: imagekit remembers which renditions exist there,
    and every test has a media folder of its own."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads and renditions go to a folder of this test's own (`empty_cache` forgets which
    renditions imagekit made)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def demo_content(db, settings, tmp_path):
    """The demo's shows, people and recaps, as `make run` loads them, with images in a media
    folder of this test's own."""
    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", force=True, verbosity=0)


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="editor", email="editor@example.com", password="correct horse battery"
    )


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def soundtrack(db):
    """Soundtrack #2 with the facts of the seed articles."""
    from datetime import date, time

    disney = baker.make("shows.Platform", name="Disney+", slug="disney-plus")
    show = baker.make(
        "shows.Show",
        title="Soundtrack #2",
        slug="soundtrack-2",
        native_title="사운드트랙#2",
        country="South Korea",
        premiere_date=date(2023, 12, 6),
        planned_episode_count=6,
        release_weekdays=[2],
        release_time=time(13, 30),
        time_zone="Asia/Kolkata",
        episodes_per_release=2,
    )
    show.platforms.add(disney)
    return show


@pytest.fixture
def weekly_us_show(db):
    """Open-ended, Thursdays at 9:00 PM in New York: its releases cross the end of daylight
    saving time on 2 November 2025."""
    from datetime import date, time

    return baker.make(
        "shows.Show",
        title="Late Night",
        slug="late-night",
        premiere_date=date(2025, 10, 2),
        release_weekdays=[3],
        release_time=time(21, 0),
        time_zone="America/New_York",
    )


@pytest.fixture
def png_upload():
    return images.upload("still.png")


@pytest.fixture
def episode(soundtrack):
    """Soundtrack #2 episode 4, and below a published recap of it and a still of the recap."""
    return baker.make("shows.Episode", show=soundtrack, number=4, title="")


@pytest.fixture
def person(db):
    return baker.make(
        "people.Person", name="Geum Sae-rok", slug="geum-sae-rok", description="Actor", bio=""
    )


@pytest.fixture
def recap(episode, editor):
    return baker.make(
        "recaps.Recap",
        episode=episode,
        subtitle="A song in the rain",
        slug="soundtrack-2-episode-4",
        author=editor,
        intro="<p>Last time on the show.</p>",
        body="<p>What happened.</p>",
        status="published",
        published_at=timezone.make_aware(datetime(2023, 12, 13, 9)) - timedelta(hours=1),
        rating=8,
    )


@pytest.fixture
def still(recap):
    from recaps.models import Still

    return Still.objects.create(
        recap=recap,
        image=images.upload("still.png"),
        alt_text="Two people under an umbrella",
        caption="Still From Soundtrack #2 Episode 4",
    )

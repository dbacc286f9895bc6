import shutil
from contextlib import ExitStack
from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from model_bakery import baker

from tests import images
from tests.postgres_cluster import PostgresCluster
from tests.servers import RedisServer, manage, site_environment
from tests.smtp_sink import SmtpSink


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: imagekit remembers which renditions exist there,
    and every test has a media folder of its own."""
    cache.clear()
    yield
    cache.clear()


# -- servers of the tests' own (tests/servers.py), to stop, kill or freeze mid-test ----------------
# One of each per pytest worker, started when a test first asks; each test gets it running.


@pytest.fixture(scope="session")
def own_redis(tmp_path_factory):
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture
def redis_server(own_redis):
    """A Redis server of the test's own, running and empty as the test starts: `stop()`,
    `kill()`, `freeze()` (a hung server), `start()` or `restart()` it at will."""
    own_redis.thaw()
    if not own_redis.running:
        own_redis.start()
    own_redis.flush()
    yield own_redis
    own_redis.thaw()


@pytest.fixture
def redis_cache(settings, redis_server):
    """The default cache on `redis_server` for this test; the suite's default stays local
    memory (REDIS_URL, in .ci/run's Redis step, puts every test on the shared server)."""
    from config.settings import redis_cache
    from core import cache as redis_backend

    # Each test finds the server as it is: not away because an earlier test stopped it.
    redis_backend._breakers.clear()
    settings.CACHES = {"default": redis_cache(redis_server.url)}
    return redis_server


@pytest.fixture(scope="session")
def own_postgres():
    cluster = PostgresCluster().start()
    yield cluster
    cluster.close()


@pytest.fixture
def postgres_cluster(own_postgres):
    """A PostgreSQL cluster of the test's own, running as the test starts: `stop()` (fast),
    `stop("immediate")` (a crash), `freeze()`/`thaw()` (a hung server), `start()`, `restart()`;
    `create_database()` gives a URL."""
    if not own_postgres.running:
        own_postgres.start()
    yield own_postgres
    own_postgres.thaw()


@pytest.fixture(scope="session")
def migrated_postgres(own_postgres, tmp_path_factory):
    """A migrated database in the tests' own cluster, to copy: its name."""
    url = own_postgres.create_database("migrated")
    env = site_environment(tmp_path_factory.mktemp("migrated-postgres"), DATABASE_URL=url)
    manage(env, "migrate", "--noinput", "-v", "0")
    return "migrated"


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    directory = tmp_path_factory.mktemp("migrated-site")
    manage(site_environment(directory), "migrate", "--noinput", "-v", "0")
    return directory / "db.sqlite3"


@pytest.fixture
def site_env(tmp_path, migrated_sqlite):
    """The environment of the project run as a process of its own (config.settings, DEBUG for
    plain static files), on a migrated SQLite database of this test's own: pass it, with
    changes, to tests.servers.Gunicorn or ManageCommand."""
    shutil.copy(migrated_sqlite, tmp_path / "db.sqlite3")
    return site_environment(tmp_path)


@pytest.fixture
def postgres_site_env(site_env, postgres_cluster, migrated_postgres):
    """`site_env` on a migrated database of its own in the test's PostgreSQL cluster."""
    url = postgres_cluster.create_database(template=migrated_postgres)
    return {**site_env, "DATABASE_URL": url}


@pytest.fixture
def smtp_sink():
    """An SMTP server of the test's own that keeps what it accepts (tests.smtp_sink.SmtpSink)."""
    with SmtpSink() as sink:
        yield sink


@pytest.fixture
def launch():
    """Starts a tests.servers process (`launch(Gunicorn(tmp_path, site_env))`) and stops it
    when the test ends, whatever state the test left it in."""
    with ExitStack() as stack:
        yield stack.enter_context


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


@pytest.fixture
def no_remembered_media_faults():
    """The media storage's remembered failures (core.media_faults) neither come from an earlier
    test nor reach a later one."""
    from core.media_faults import faults

    faults.reset()
    yield
    faults.reset()

"""The media storage failing under the site: an original deleted by hand from the media folder,
and S3 (moto's server, a process of the test's own) stopped or frozen mid-test. No page answers
500: every reader page, feed and sitemap, and the admin's change forms, answer 200 with the
images' URLs, alt texts and sizes; the log says it once; an upload while the storage is away is
the form again with an error saying so; a frozen S3 costs a request seconds, not minutes."""

import logging
import os
import re
import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

from core.admin import MEDIA_STORAGE_UNAVAILABLE
from demo.factories import credit, make_episode, make_person, make_recap, make_show, make_still
from people.models import Person
from recaps.models import Recap, Still
from shows.models import Show
from tests import images
from tests.admin_forms import add_inline_rows, form_data
from tests.s3 import BUCKET, DOMAIN, MotoS3, use_bucket
from tests.servers import Gunicorn, manage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_remembered_media_faults")]

ALT = "Two people at a piano in the rain"


@pytest.fixture
def s3(settings, monkeypatch, tmp_path, launch):
    server = launch(MotoS3(tmp_path))
    use_bucket(server, settings, monkeypatch)
    # Tight limits: the defaults are seconds.
    settings.S3_CONNECT_TIMEOUT = 1
    settings.S3_READ_TIMEOUT = 1
    settings.S3_MAX_ATTEMPTS = 2
    return server


@pytest.fixture
def local(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def make_content():
    """A show with a poster, a person with a photo in its cast, a published recap with a hero
    still, and a second still written before sizes were kept (its size is read from the file
    whenever the row is loaded)."""
    show = make_show(title="Soundtrack #2", slug="soundtrack-2")
    show.poster.save("poster.jpg", images.upload("poster.jpg", images.jpeg_bytes(600, 900)))
    person = make_person("Geum Sae-rok")
    person.photo.save("photo.jpg", images.upload("photo.jpg", images.jpeg_bytes(400, 400)))
    credit(person, show, character="Do Hyeon-seo", order=1)
    recap = make_recap(make_episode(show, 1), slug="soundtrack-2-episode-1")
    recap.tags.add("k-drama")
    make_still(recap, is_hero=True, alt_text=ALT)
    older = make_still(recap, alt_text="An older still", order=2)
    Still.objects.filter(pk=older.pk).update(width=None, height=None)
    return recap


def reader_paths(recap):
    show = recap.episode.show
    return [
        recap.get_absolute_url(),
        "/",
        show.get_absolute_url(),
        "/shows/",
        "/people/geum-sae-rok/",
        "/tags/k-drama/",
        "/search/?q=Soundtrack",
        "/feeds/rss/",
        "/feeds/atom/",
        f"/feeds/shows/{show.slug}/rss/",
        "/sitemap.xml",
    ]


def admin_paths(recap):
    return [
        f"/admin/recaps/recap/{recap.pk}/change/",
        f"/admin/shows/show/{recap.episode.show.pk}/change/",
        f"/admin/people/person/{Person.objects.get().pk}/change/",
    ]


def statuses(client, paths):
    return {path: client.get(path).status_code for path in paths}


def assert_recap_renders_its_stills(client, recap):
    page = client.get(recap.get_absolute_url()).content.decode()
    hero = recap.stills.get(is_hero=True)
    # The renditions' URLs, the alt text and the size: the box the browser keeps for it.
    assert hero.webp_800.name in page
    assert f'alt="{ALT}"' in page
    largest = hero.image_picture
    assert f'width="{largest.largest_width}" height="{largest.largest_height}"' in page
    # A still whose size is not known holds a 16:9 box.
    assert re.search(r'alt="An older still" width="800" height="450"', page)
    # The page's social card and schema.org image name the hero's largest rendition.
    assert f'<meta property="og:image" content="{absolute(hero.image_picture.largest)}">' in page
    assert f'"image":["{absolute(hero.image_picture.largest)}"]' in page


def absolute(url):
    return url if url.startswith("https://") else f"http://testserver{url}"


def remove_files(names):
    for name in names:
        path = Path(Still._meta.get_field("image").storage.path(name))
        path.unlink(missing_ok=True)


def media_warnings(caplog):
    return [r for r in caplog.records if r.name == "episodic.media"]


# The local media folder: an original (and its renditions) deleted by hand.


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
def test_every_page_answers_when_originals_are_deleted_by_hand(
    local, settings, client, admin_client, caplog, debug
):
    settings.DEBUG = debug
    recap = make_content()
    hero = recap.stills.get(is_hero=True)
    show = recap.episode.show
    # The originals go; the hero's renditions stay, the older still's go too.
    older = recap.stills.get(is_hero=False)
    remove_files(
        [hero.image.name, show.poster.name, Person.objects.get().photo.name]
        + sorted(images.still_files(older))
    )
    caplog.set_level(logging.WARNING, logger="episodic.media")

    paths = reader_paths(recap) + admin_paths(recap)
    assert statuses(client, reader_paths(recap)) == dict.fromkeys(reader_paths(recap), 200)
    assert statuses(admin_client, admin_paths(recap)) == dict.fromkeys(admin_paths(recap), 200)
    assert_recap_renders_its_stills(client, recap)
    # The older still's size could not be read: its picture goes without one.
    assert Still.objects.get(pk=older.pk).width is None

    # Once per file and interval, not a line per request: the older still's size, read when
    # its row is loaded, and the hero's original, whose length a feed enclosure gives.
    logged = sorted(r.args[0] for r in media_warnings(caplog))
    assert logged == sorted([older.image.name, hero.image.name])
    statuses(client, paths)
    statuses(admin_client, paths)
    assert len(media_warnings(caplog)) == 2


def test_the_dev_media_view_answers_404_for_a_deleted_file(local, settings, client):
    """`make run` serves the media folder itself (core.views.serve_media)."""
    from django.test import override_settings

    recap = make_content()
    hero = recap.stills.get(is_hero=True)
    remove_files([hero.image.name])
    with override_settings(ROOT_URLCONF="tests.core.media_urls", DEBUG=True):
        assert client.get(f"/media/{hero.image.name}").status_code == 404
        assert client.get(f"/media/{hero.webp_800.name}").status_code == 200


def test_an_editor_saves_the_text_of_a_recap_whose_still_is_gone(local, admin_client):
    recap = make_content()
    remove_files(sorted(images.still_files(recap.stills.get(is_hero=True))))
    url = f"/admin/recaps/recap/{recap.pk}/change/"
    data = form_data(admin_client.get(url), "recap_form")
    data["subtitle"] = "A new subtitle"
    assert admin_client.post(url, data).status_code == 302
    assert Recap.objects.get(pk=recap.pk).subtitle == "A new subtitle"


def test_load_demo_runs_again_after_a_poster_was_deleted_by_hand(local, settings):
    """`make run` loads the demo on every start: a poster deleted by hand was a crash."""
    call_command("load_demo", force=True, verbosity=0)
    show = Show.objects.get(slug="soundtrack-2")
    shutil.rmtree(Path(settings.MEDIA_ROOT) / "renditions" / "posters")
    Path(show.poster.path).unlink()
    call_command("load_demo", force=True, verbosity=0)
    show.refresh_from_db()
    assert Path(show.poster.path).is_file() and Path(show.jpeg_240.path).is_file()


# S3 stopped (connections refused) and frozen (connections never answered) mid-test.


def test_every_page_answers_while_s3_is_stopped(s3, client, admin_client, caplog):
    recap = make_content()
    paths = reader_paths(recap)
    assert statuses(client, paths) == dict.fromkeys(paths, 200)
    caplog.set_level(logging.WARNING, logger="episodic.media")

    s3.stop()
    from django.core.cache import cache

    cache.clear()  # no page served from the page cache, no file size remembered
    started = time.monotonic()
    assert statuses(client, paths) == dict.fromkeys(paths, 200)
    assert statuses(admin_client, admin_paths(recap)) == dict.fromkeys(admin_paths(recap), 200)
    assert time.monotonic() - started < 20
    assert_recap_renders_its_stills(client, recap)
    assert f"https://{DOMAIN}/" in client.get(recap.get_absolute_url()).content.decode()
    # The feed's items go without their enclosure rather than the feed failing.
    assert b"<enclosure" not in client.get("/feeds/rss/").content
    away = [r for r in media_warnings(caplog) if "unavailable" in r.getMessage()]
    assert len(away) == 1


def test_an_upload_while_s3_is_stopped_is_a_form_error(s3, admin_client):
    recap = make_content()
    show = recap.episode.show
    poster = show.poster.name
    s3.stop()

    url = f"/admin/shows/show/{show.pk}/change/"
    data = form_data(admin_client.get(url), "show_form")
    data["poster"] = images.upload("new.jpg", images.jpeg_bytes(600, 900))
    data["title"] = "Soundtrack #2 (renamed)"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert MEDIA_STORAGE_UNAVAILABLE in response.content.decode()
    # What the editor typed is in the form again; nothing was saved.
    assert "Soundtrack #2 (renamed)" in response.content.decode()
    show.refresh_from_db()
    assert show.poster.name == poster and show.title == "Soundtrack #2"

    url = f"/admin/recaps/recap/{recap.pk}/change/"
    data = add_inline_rows(
        form_data(admin_client.get(url), "recap_form"),
        "stills",
        {"image": images.upload("rain.jpg", images.jpeg_bytes(1240, 698)), "alt_text": "Rain"},
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert MEDIA_STORAGE_UNAVAILABLE in response.content.decode()
    assert not recap.stills.filter(alt_text="Rain").exists()

    # Text alone is saved: the images it had are not touched.
    data = form_data(admin_client.get(url), "recap_form")
    data["subtitle"] = "Saved while S3 was away"
    assert admin_client.post(url, data).status_code == 302
    assert Recap.objects.get(pk=recap.pk).subtitle == "Saved while S3 was away"


def test_a_frozen_s3_costs_seconds_and_the_site_recovers(s3, settings, client, admin_client):
    recap = make_content()
    show = recap.episode.show
    settings.MEDIA_STORAGE_RETRY_SECONDS = 0.5
    from django.core.cache import cache

    s3.freeze()
    try:
        cache.clear()
        started = time.monotonic()
        assert client.get("/feeds/rss/").status_code == 200
        url = f"/admin/shows/show/{show.pk}/change/"
        data = form_data(admin_client.get(url), "show_form")
        data["poster"] = images.upload("new.jpg", images.jpeg_bytes(600, 900))
        response = admin_client.post(url, data)
        elapsed = time.monotonic() - started
        assert response.status_code == 200
        assert MEDIA_STORAGE_UNAVAILABLE in response.content.decode()
        # Two requests, each at most two attempts of a one-second read (and their back-off).
        assert elapsed < 15
    finally:
        s3.thaw()

    time.sleep(0.6)
    data["poster"] = images.upload("new.jpg", images.jpeg_bytes(600, 900))
    assert admin_client.post(url, data).status_code == 302
    show.refresh_from_db()
    assert show.poster.name.startswith("posters/new-")
    cache.clear()
    assert b"<enclosure" in client.get("/feeds/rss/").content


def test_s3_timeouts_and_attempts_come_from_settings(s3, settings):
    from django.core.files.storage import default_storage

    settings.S3_CONNECT_TIMEOUT, settings.S3_READ_TIMEOUT, settings.S3_MAX_ATTEMPTS = 3, 7, 4
    config = default_storage.connection.meta.client.meta.config
    assert (config.connect_timeout, config.read_timeout) == (3, 7)
    assert config.retries["total_max_attempts"] == 4


# The project as `make run` and the README deploy it: gunicorn (config.settings, DEBUG as
# site_env sets it) with media on S3 through DJANGO_S3_*, and S3 stopped mid-test.

CONTENT = """
from demo.factories import make_episode, make_recap, make_show, make_still
from recaps.models import Still
show = make_show(title="Soundtrack #2", slug="soundtrack-2")
recap = make_recap(make_episode(show, 1), slug="soundtrack-2-episode-1")
make_still(recap, is_hero=True, alt_text="Two people at a piano in the rain")
older = make_still(recap, alt_text="An older still", order=2)
Still.objects.filter(pk=older.pk).update(width=None, height=None)
"""


def test_gunicorn_serving_media_on_s3_answers_while_s3_is_stopped(
    site_env, launch, tmp_path, settings, monkeypatch
):
    server = launch(MotoS3(tmp_path))
    use_bucket(server, settings, monkeypatch)
    env = {
        **site_env,
        **{name: os.environ[name] for name in os.environ if name.startswith("AWS_")},
        "DJANGO_S3_BUCKET": BUCKET,
        "DJANGO_S3_ENDPOINT_URL": server.url,
        "DJANGO_S3_CUSTOM_DOMAIN": DOMAIN,
        "EPISODIC_S3_READ_TIMEOUT": "1",
        # Every request builds its page: none is answered from the page cache.
        "EPISODIC_PAGE_CACHE_ENABLED": "0",
    }
    manage(env, "shell", "-c", CONTENT)
    site = launch(Gunicorn(tmp_path, env))
    paths = ["/recaps/soundtrack-2-episode-1/", "/", "/shows/soundtrack-2/", "/feeds/rss/"]
    paths += ["/sitemap.xml"]

    def status(path):
        try:
            with urllib.request.urlopen(site.url + path, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    assert {path: status(path) for path in paths} == dict.fromkeys(paths, 200)
    server.stop()
    for _ in range(3):
        assert {path: status(path) for path in paths} == dict.fromkeys(paths, 200)
    # One warning, no traceback: the recap's older still needed its size from S3 once, and
    # the next requests did not ask.
    log = site.output()
    assert log.count("The media storage is unavailable") == 1
    assert "Traceback" not in log

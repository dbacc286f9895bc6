"""Image files leave the media folder with the last row that names them, after the commit:
a still deleted in the recap form, with its recap, or in bulk, a poster replaced or cleared;
never a file another row still names, never on a rollback."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.urls import reverse

from demo.factories import make_episode, make_person, make_recap, make_show, make_still
from recaps.models import Recap, Still
from shows.models import Show
from tests import images
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Runs what waits for the commit when the block ends, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def stored(media):
    return {str(path.relative_to(media)) for path in media.rglob("*") if path.is_file()}


@pytest.fixture
def recap(db):
    return make_recap(make_episode(make_show(), 1))


def test_deleting_a_still_removes_its_file_and_every_rendition(media, commits, recap):
    still, other = make_still(recap), make_still(recap)
    files = images.still_files(still)
    assert len(files) == 8 and files <= stored(media)
    with commits():
        still.delete()
        assert files <= stored(media)  # nothing goes before the commit
    assert stored(media) == images.still_files(other)


def test_a_rolled_back_delete_keeps_the_files(media, commits, recap):
    still = make_still(recap)
    pk = still.pk
    with commits(), pytest.raises(RuntimeError), transaction.atomic():
        still.delete()
        raise RuntimeError("the delete fails later")
    assert Still.objects.filter(pk=pk).exists()
    assert stored(media) == images.still_files(still)


def test_deleting_a_recap_removes_its_stills_files(media, commits, recap):
    make_still(recap)
    make_still(recap)
    with commits():
        recap.delete()
    assert stored(media) == set()


def test_a_bulk_delete_removes_every_stills_files(media, commits, recap):
    for _ in range(3):
        make_still(recap)
    with commits():
        Still.objects.all().delete()
    assert stored(media) == set()


def test_a_storage_that_fails_after_the_commit_is_logged_not_an_error(
    media, commits, recap, monkeypatch, caplog
):
    still = make_still(recap)
    name = still.image.name

    def unreachable(storage, name):
        raise OSError("the bucket is unreachable")

    monkeypatch.setattr(FileSystemStorage, "delete", unreachable)
    with commits():
        still.delete()
    assert not Still.objects.exists()
    assert "the bucket is unreachable" in caplog.text and name in caplog.text


def test_a_file_another_still_names_is_kept_with_its_renditions(media, commits, recap):
    still = make_still(recap)
    sharing = Still.objects.create(
        recap=recap, image=still.image.name, alt_text="The same picture", order=1
    )
    with commits():
        still.delete()
    assert stored(media) == images.still_files(sharing)


def test_a_file_a_poster_names_is_kept_but_the_stills_renditions_go(media, commits, recap):
    still = make_still(recap)
    show = recap.episode.show
    show.poster = still.image.name
    show.save()
    poster_files = {show.poster.name, show.webp_240.name, show.jpeg_480.name}
    assert poster_files <= stored(media)
    with commits():
        still.delete()
    left = stored(media)
    assert poster_files <= left
    assert not (images.still_files(still) - {still.image.name}) & left


def test_a_replaced_poster_leaves_with_its_renditions(media, commits):
    show = make_show()
    show.poster.save("first.jpg", images.upload("first.jpg", images.jpeg_bytes(600, 900)))
    first = stored(media)
    assert len(first) == 5  # the poster and its four renditions
    with commits():
        show = Show.objects.get(pk=show.pk)
        show.poster.save("second.jpg", ContentFile(images.jpeg_bytes(600, 900)))
    now = stored(media)
    assert not first & now
    assert show.poster.name in now and show.webp_480.name in now


def test_a_cleared_photo_leaves_with_its_renditions(media, commits):
    person = make_person("Geum Sae-rok")
    person.photo.save("face.jpg", images.upload("face.jpg", images.jpeg_bytes(400, 400)))
    assert len(stored(media)) == 5
    with commits():
        person.photo = ""
        person.save()
    assert stored(media) == set()


def test_a_rendition_made_again_after_its_name_was_freed(media, commits, recap):
    """imagekit remembers that a rendition exists: once removed, the same name is made again.
    (Uploads get new names; a loader that names its files, as the demo does, reuses one.)"""
    still = make_still(recap)
    name = still.image.name
    with commits():
        still.delete()
    again = Still(recap=recap, alt_text="Again", order=2)
    again.image = still.image.storage.save(name, ContentFile(images.jpeg_bytes(1240, 698)))
    again.save()
    assert again.image.name == name
    assert stored(media) == images.still_files(again)


# The same through the admin: the recap form's delete box, the recap's delete page and the
# recaps list's bulk delete, and a new poster uploaded in the show form.


def test_a_still_deleted_in_the_recap_form_leaves_the_media_folder(
    media, commits, editor_client, recap
):
    kept, dropped = make_still(recap), make_still(recap)
    url = reverse("admin:recaps_recap_change", args=[recap.pk])
    data = form_data(editor_client.get(url))
    index = next(i for i in range(2) if data[f"stills-{i}-id"] == str(dropped.pk))
    data[f"stills-{index}-DELETE"] = "on"
    with commits():
        assert editor_client.post(url, data).status_code == 302
    assert list(recap.stills.all()) == [kept]
    assert stored(media) == images.still_files(kept)


def test_a_recap_deleted_in_the_admin_takes_its_stills_files(media, commits, editor_client, recap):
    make_still(recap)
    url = reverse("admin:recaps_recap_delete", args=[recap.pk])
    with commits():
        assert editor_client.post(url, {"post": "yes"}).status_code == 302
    assert not Recap.objects.exists()
    assert stored(media) == set()


def test_recaps_deleted_from_the_list_take_their_stills_files(media, commits, editor_client, recap):
    other = make_recap(make_episode(recap.episode.show, 2))
    make_still(recap)
    make_still(other)
    data = {"action": "delete_selected", "_selected_action": [recap.pk, other.pk], "post": "yes"}
    with commits():
        response = editor_client.post(reverse("admin:recaps_recap_changelist"), data)
    assert response.status_code == 302
    assert not Recap.objects.exists()
    assert stored(media) == set()


def test_a_poster_replaced_in_the_show_form_leaves_the_media_folder(media, commits, editor_client):
    show = make_show()
    show.poster.save("first.jpg", images.upload("first.jpg", images.jpeg_bytes(600, 900)))
    first = stored(media)
    url = reverse("admin:shows_show_change", args=[show.pk])
    data = form_data(editor_client.get(url), "show_form")
    data["poster"] = images.upload("second.jpg", images.jpeg_bytes(600, 900))
    with commits():
        assert editor_client.post(url, data).status_code == 302
    show.refresh_from_db()
    assert show.poster.name.startswith("posters/second-")
    assert stored(media) == {
        show.poster.name,
        *(getattr(show, f"{fmt}_{w}").name for fmt in ("webp", "jpeg") for w in (240, 480)),
    }
    assert not first & stored(media)

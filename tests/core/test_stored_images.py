"""core.stored_images: an image from outside is stored under a name of ours, whose extension is
the format Pillow finds in it and whose random part no one can guess."""

import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models

from core.stored_images import StoredImageField, content_type
from demo.factories import draft, make_person, make_show
from recaps.models import Still
from tests import images
from tests.admin_forms import post_still
from tests.core import hostile_files

pytestmark = pytest.mark.django_db

UNGUESSABLE = r"[A-Za-z0-9_-]{22}"


@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [
        ("evil.html", images.jpeg_with_script(), ".jpg"),
        ("photo.jpg", images.png_bytes(), ".png"),
        ("poster.svg", hostile_files.image_bytes("WEBP"), ".webp"),
        ("no extension", hostile_files.image_bytes("GIF"), ".gif"),
    ],
)
def test_an_image_is_stored_with_the_extension_of_the_format_pillow_finds(
    media_root, name, content, extension
):
    show = make_show()
    show.poster.save(name, ContentFile(content))
    stem = re.escape(name.rsplit(".", 1)[0].replace(" ", "-"))
    assert re.fullmatch(rf"posters/{stem}-{UNGUESSABLE}\{extension}", show.poster.name)
    assert (media_root / show.poster.name).read_bytes() == content


def test_a_file_pillow_cannot_name_is_not_stored(media_root):
    person = make_person("Geum Sae-rok")
    with pytest.raises(ValidationError):
        person.photo.save("face.jpg", ContentFile(b"<html><script>alert(1)</script></html>"))
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_a_name_without_letters_or_digits_is_the_random_part_alone(media_root):
    show = make_show()
    show.poster.save("사운드트랙 🎵.png", ContentFile(images.png_bytes()))
    assert re.fullmatch(rf"posters/{UNGUESSABLE}\.png", show.poster.name)


def test_a_draft_still_uploaded_in_the_admin_cannot_be_found_by_its_name(
    editor_client, soundtrack, editor, media_root
):
    """Finding 7: stills were stored as stills/<year>/<month>/<the uploaded name>, so a draft's
    still was public at a URL anyone could guess before the recap went out."""
    recap = draft(soundtrack, 7, editor)
    for _ in range(2):
        upload = images.upload("finale-twist.jpg", images.jpeg_bytes())
        assert post_still(editor_client, recap, upload).status_code == 302
    first, second = sorted(Still.objects.filter(recap=recap).values_list("image", flat=True))
    folder = recap.stills.first().image.name.rsplit("/", 1)[0]
    assert re.fullmatch(r"stills/\d{4}/\d{2}", folder)
    for name in (first, second):
        assert re.fullmatch(rf"{folder}/finale-twist-{UNGUESSABLE}\.jpg", name)
    assert first != second


def test_an_upload_in_the_admin_is_named_by_its_content_not_by_the_browser(
    editor_client, recap, media_root
):
    """The admin and the importer store through one field: a PNG sent as still.jpg with the
    type text/html is stored as a .png."""
    upload = images.upload("still.jpg", images.png_bytes(), "text/html")
    assert post_still(editor_client, recap, upload).status_code == 302
    name = recap.stills.get().image.name
    assert re.fullmatch(rf"stills/\d{{4}}/\d{{2}}/still-{UNGUESSABLE}\.png", name)
    assert content_type(name) == "image/png"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("stills/2024/03/a.jpg", "image/jpeg"),
        ("people/OLD.JPEG", "image/jpeg"),
        ("renditions/x/1.webp", "image/webp"),
        ("posters/a.png", "image/png"),
        ("posters/a.gif", "image/gif"),
        ("stills/2024/03/evil.html", "application/octet-stream"),
        ("posters/a.svg", "application/octet-stream"),
        ("stills/no-extension", "application/octet-stream"),
    ],
)
def test_a_stored_files_type_comes_from_its_extension_and_is_never_a_page(name, expected):
    assert content_type(name) == expected


def test_every_file_field_of_every_model_stores_images_one_way():
    """A new image field (the catalogue's posters, embeds' thumbnails) that is a plain
    ImageField would keep the names and types files came with."""
    plain = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField) and not isinstance(field, StoredImageField)
    ]
    assert plain == []

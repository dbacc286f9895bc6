"""Stills are uploaded in the recap form. Anything that is not a whole, reasonably sized JPEG,
PNG, WebP or GIF is refused with a message next to the file, and nothing is stored: no row, no
file in the media folder. A stored still shows its thumbnail."""

from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from recaps.models import Still
from tests import images
from tests.admin_forms import add_inline_rows, assert_rejected, form_data, post_still
from tests.core import hostile_files


def change_url(recap):
    return reverse("admin:recaps_recap_change", args=[recap.pk])


def image_error_codes(response):
    (formset,) = [inline.formset for inline in response.context["inline_admin_formsets"]]
    return [
        error.code for form in formset.forms for error in form.errors.as_data().get("image", [])
    ]


def stored_files(media_root):
    return sorted(path for path in media_root.rglob("*") if path.is_file())


def test_still_inline_saves_a_png_with_its_dimensions(editor_client, recap, media_root):
    response = post_still(editor_client, recap, images.upload("still.png"))
    assert response.status_code == 302
    still = recap.stills.get()
    assert (still.width, still.height) == (64, 36)
    assert (media_root / still.image.name).is_file()


def test_recap_change_page_shows_the_still_thumbnail(editor_client, still, media_root):
    response = editor_client.get(change_url(still.recap))
    assert response.status_code == 200
    thumbnail = still.thumbnail
    assert f'<img src="{thumbnail.url}" alt="Two people under an umbrella"' in response.text
    assert thumbnail.url.startswith("/media/renditions/")
    assert (media_root / thumbnail.name).is_file()


def test_recap_with_a_still_saves_again_without_a_new_upload(editor_client, still):
    """Editing a recap must not re-read every stored still (it used to crash on a closed file)."""
    data = form_data(editor_client.get(change_url(still.recap)))
    data["stills-0-caption"] = "A new caption"
    response = editor_client.post(change_url(still.recap), data)
    assert response.status_code == 302
    still.refresh_from_db()
    assert still.caption == "A new caption"


def test_recap_saves_without_reading_its_stored_stills(editor_client, still, monkeypatch):
    """Saving a recap neither downloads its stills from the media storage (once per still per
    save on S3) nor fails when a stored file has gone missing."""
    Path(still.image.path).unlink()
    data = form_data(editor_client.get(change_url(still.recap)))
    data["stills-0-caption"] = "Caption fixed"
    opened = []
    original_open = FileSystemStorage._open

    def recording_open(storage, name, mode="rb"):
        opened.append(name)
        return original_open(storage, name, mode)

    monkeypatch.setattr(FileSystemStorage, "_open", recording_open)
    response = editor_client.post(change_url(still.recap), data)
    assert response.status_code == 302
    assert opened == []
    saved = Still.objects.values_list("caption", "width", "height").get(pk=still.pk)
    assert saved == ("Caption fixed", 64, 36)


def test_still_inline_refuses_text_named_like_a_jpeg(editor_client, recap, media_root):
    upload = images.upload("still.jpg", b"I am not a picture.\n" * 20, "image/jpeg")
    response = post_still(editor_client, recap, upload)
    assert_rejected(response, "Upload a JPEG, PNG, WebP or GIF image; this file is not an image.")
    assert image_error_codes(response) == ["not_an_image"]
    assert not Still.objects.exists()
    assert stored_files(media_root) == []


def test_still_inline_refuses_a_truncated_jpeg(editor_client, recap, media_root):
    upload = images.upload("still.jpg", hostile_files.truncated_jpeg(), "image/jpeg")
    response = post_still(editor_client, recap, upload)
    assert_rejected(response, "This file is not a complete image")
    assert image_error_codes(response) == ["incomplete_image"]
    assert not Still.objects.exists()
    assert stored_files(media_root) == []


def test_still_inline_refuses_a_file_over_the_size_limit(editor_client, recap, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 100
    response = post_still(editor_client, recap, images.upload("still.png"))
    assert_rejected(response, "the limit is 100\xa0bytes.")
    assert image_error_codes(response) == ["too_large"]
    assert not Still.objects.exists()


def test_still_inline_refuses_an_image_over_the_pixel_limit(editor_client, recap, settings):
    settings.MAX_IMAGE_PIXELS = 1_000
    response = post_still(editor_client, recap, images.upload("still.png"))
    assert_rejected(response, "This image is 64 × 36 pixels; the limit is 0.001 megapixels.")
    assert image_error_codes(response) == ["too_many_pixels"]
    assert not Still.objects.exists()


def test_still_inline_refuses_a_header_claiming_fifty_megapixels(editor_client, recap):
    upload = images.upload("still.png", hostile_files.png_claiming(10_000, 5_000))
    response = post_still(editor_client, recap, upload)
    assert_rejected(response, "This image is 10000 × 5000 pixels; the limit is 40 megapixels.")
    assert image_error_codes(response) == ["too_many_pixels"]
    assert not Still.objects.exists()


def test_still_inline_refuses_a_decompression_bomb(editor_client, recap):
    upload = images.upload("still.png", hostile_files.png_claiming(100_000, 100_000))
    response = post_still(editor_client, recap, upload)
    assert_rejected(response, "This image has too many pixels to be processed safely.")
    assert image_error_codes(response) == ["too_many_pixels"]
    assert not Still.objects.exists()


@pytest.mark.parametrize("format", ["BMP", "TIFF"])
def test_still_inline_refuses_an_unsupported_format(editor_client, recap, format):
    upload = images.upload(f"still.{format.lower()}", hostile_files.image_bytes(format))
    response = post_still(editor_client, recap, upload)
    assert_rejected(response, f"Upload a JPEG, PNG, WebP or GIF image (this file is {format}).")
    assert image_error_codes(response) == ["bad_format"]
    assert not Still.objects.exists()


def test_still_inline_refuses_a_still_without_alt_text(editor_client, recap, media_root):
    response = post_still(editor_client, recap, images.upload("still.png"), alt_text="")
    assert_rejected(response, "This field is required.")
    (formset,) = [inline.formset for inline in response.context["inline_admin_formsets"]]
    assert "alt_text" in formset.errors[0]
    assert not Still.objects.exists()
    assert stored_files(media_root) == []


def test_still_inline_refuses_whitespace_as_alt_text(editor_client, recap):
    response = post_still(editor_client, recap, images.upload("still.png"), alt_text="   ")
    assert_rejected(response, "This field is required.")
    assert not Still.objects.exists()


def test_still_inline_refuses_two_new_hero_stills(editor_client, recap):
    data = form_data(editor_client.get(change_url(recap)))
    row = {"alt_text": "A hero", "is_hero": "on"}
    add_inline_rows(
        data,
        "stills",
        {**row, "image": images.upload("one.png")},
        {**row, "image": images.upload("two.png")},
    )
    response = editor_client.post(change_url(recap), data)
    assert_rejected(response, "A recap has one hero still")
    assert not Still.objects.exists()


def test_still_inline_refuses_a_second_hero_still(editor_client, still):
    still.is_hero = True
    still.save()
    response = post_still(editor_client, still.recap, images.upload("two.png"), is_hero="on")
    assert_rejected(response, "A recap has one hero still")
    assert Still.objects.count() == 1


def test_still_inline_moves_the_hero_to_an_earlier_still_in_one_save(editor_client, still):
    """The new hero comes first in the form, so it is saved while the old hero still holds the
    flag in the database, unless the old one is cleared first."""
    old_hero = Still.objects.create(
        recap=still.recap, image=images.upload("b.png"), alt_text="B", order=5, is_hero=True
    )
    data = form_data(editor_client.get(change_url(still.recap)))
    assert [data["stills-0-id"], data["stills-1-id"]] == [str(still.pk), str(old_hero.pk)]
    data["stills-0-is_hero"] = "on"
    del data["stills-1-is_hero"]
    assert editor_client.post(change_url(still.recap), data).status_code == 302
    assert list(Still.objects.filter(is_hero=True)) == [still]

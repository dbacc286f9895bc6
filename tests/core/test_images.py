"""core.images.validate_image: what an editor may upload, and the reason given for what not."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.images import ImageUploadField, validate_image
from tests import images
from tests.core import hostile_files


def upload(content, name="image"):
    return SimpleUploadedFile(name, content)


def rejection(file):
    with pytest.raises(ValidationError) as caught:
        validate_image(file)
    (error,) = caught.value.error_list
    return error.code, str(caught.value.messages[0])


@pytest.mark.parametrize(
    "content",
    [
        images.png_bytes(),
        images.jpeg_bytes(),
        hostile_files.image_bytes("WEBP"),
        hostile_files.image_bytes("GIF"),
    ],
    ids=["png", "jpeg", "webp", "gif"],
)
def test_validate_image_accepts_whole_images_in_supported_formats(content):
    validate_image(upload(content))


def test_validate_image_puts_the_file_back_where_it_was():
    file = upload(images.png_bytes())
    file.seek(5)
    validate_image(file)
    assert file.tell() == 5


def test_validate_image_refuses_text_as_not_an_image():
    code, message = rejection(upload(b"Definitely not a JPEG.\n" * 10, "still.jpg"))
    assert code == "not_an_image"
    assert message == "Upload a JPEG, PNG, WebP or GIF image; this file is not an image."


def test_validate_image_refuses_an_empty_file_as_not_an_image():
    assert rejection(upload(b""))[0] == "not_an_image"


def test_validate_image_refuses_a_truncated_jpeg_as_incomplete():
    code, message = rejection(upload(hostile_files.truncated_jpeg()))
    assert code == "incomplete_image"
    assert message.startswith("This file is not a complete image")


def test_validate_image_refuses_a_truncated_png_as_incomplete():
    data = images.png_bytes(width=200, height=200)
    assert rejection(upload(data[: len(data) - 30]))[0] == "incomplete_image"


def test_validate_image_refuses_a_file_over_the_byte_limit(settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 1024
    content = hostile_files.image_bytes("BMP", width=40, height=40)  # 4.8 KB
    code, message = rejection(upload(content))
    assert code == "too_large"
    assert message == "This image is 4.7\xa0KB; the limit is 1.0\xa0KB."


def test_validate_image_refuses_an_image_over_the_pixel_limit(settings):
    settings.MAX_IMAGE_PIXELS = 2_000
    code, message = rejection(upload(images.png_bytes(width=64, height=36)))
    assert code == "too_many_pixels"
    assert message == "This image is 64 × 36 pixels; the limit is 0.002 megapixels."


def test_validate_image_refuses_a_header_claiming_more_pixels_than_allowed():
    code, message = rejection(upload(hostile_files.png_claiming(10_000, 5_000)))
    assert code == "too_many_pixels"
    assert message == "This image is 10000 × 5000 pixels; the limit is 40 megapixels."


def test_validate_image_refuses_a_decompression_bomb_before_decoding_it():
    code, message = rejection(upload(hostile_files.png_claiming(100_000, 100_000)))
    assert code == "too_many_pixels"
    assert message == "This image has too many pixels to be processed safely."


@pytest.mark.parametrize("format", ["BMP", "TIFF", "ICO", "PPM"])
def test_validate_image_refuses_formats_other_than_jpeg_png_webp_gif(format):
    code, message = rejection(upload(hostile_files.image_bytes(format, width=32, height=32)))
    assert code == "bad_format"
    assert message == f"Upload a JPEG, PNG, WebP or GIF image (this file is {format})."


def test_validate_image_leaves_an_already_stored_file_alone(settings):
    """A stored file was checked on upload; editing its row must not fetch it again, and a
    file that has gone missing or is over a since-lowered limit must not block the edit."""
    from people.models import Person

    settings.MAX_IMAGE_UPLOAD_BYTES = 1
    person = Person(name="Demian", slug="demian", photo="people/missing.png")
    assert person.photo._committed
    validate_image(person.photo)


def test_image_upload_field_names_a_decompression_bomb():
    field = ImageUploadField()
    with pytest.raises(ValidationError) as caught:
        field.clean(upload(hostile_files.png_claiming(100_000, 100_000), "bomb.png"))
    assert caught.value.error_list[0].code == "too_many_pixels"


def test_image_upload_field_names_a_file_that_is_not_an_image():
    field = ImageUploadField()
    with pytest.raises(ValidationError) as caught:
        field.clean(upload(b"%PDF-1.7 not an image", "poster.png"))
    assert caught.value.error_list[0].code == "not_an_image"


def test_image_upload_field_accepts_a_png():
    file = ImageUploadField().clean(upload(images.png_bytes(), "still.png"))
    assert file.image.format == "PNG"

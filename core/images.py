"""Images from outside (an editor's upload, an import): checked before anything is stored, so a
bad file never reaches the media folder or a rendition, and known by the format Pillow finds in
them, never by the name or type they came with.

Error codes: too_large, too_many_pixels, bad_format, not_an_image, incomplete_image. None is
"invalid_image", because a ModelForm swaps a model error whose code matches one of the form
field's own messages for that message, and Django's ImageField has a vague "invalid_image"."""

from contextlib import contextmanager
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError


@dataclass(frozen=True)
class ImageFormat:
    label: str  # as editors read it
    extension: str
    content_type: str


#: The formats accepted, by Pillow's name for them.
FORMATS = {
    "JPEG": ImageFormat("JPEG", ".jpg", "image/jpeg"),
    "PNG": ImageFormat("PNG", ".png", "image/png"),
    "WEBP": ImageFormat("WebP", ".webp", "image/webp"),
    "GIF": ImageFormat("GIF", ".gif", "image/gif"),
}


def validate_image(file):
    if isinstance(file, FieldFile) and file._committed:
        # Already in storage, so it was checked when it was uploaded. Opening it again would
        # fetch it from the media storage on every edit of the row that holds it.
        return
    if file.size > settings.MAX_IMAGE_UPLOAD_BYTES:
        raise ValidationError(
            "This image is %(size)s; the limit is %(limit)s.",
            code="too_large",
            params={
                "size": filesizeformat(file.size),
                "limit": filesizeformat(settings.MAX_IMAGE_UPLOAD_BYTES),
            },
        )
    with opened(file) as image:
        width, height = image.size
        if width * height > settings.MAX_IMAGE_PIXELS:
            raise ValidationError(
                "This image is %(width)s × %(height)s pixels; the limit is %(limit)s megapixels.",
                code="too_many_pixels",
                params={
                    "width": width,
                    "height": height,
                    "limit": f"{settings.MAX_IMAGE_PIXELS / 1_000_000:g}",
                },
            )
        format_of(image)
        # Decoding every pixel is what finds a truncated or corrupt file.
        image.load()


def detected_format(file):
    """The `ImageFormat` Pillow finds in `file`, read from its header (ValidationError if it
    is none of FORMATS). What a file is stored as comes from here, never from its name."""
    with opened(file) as image:
        return format_of(image)


def format_of(image):
    if image.format not in FORMATS:
        raise ValidationError(
            "Upload a JPEG, PNG, WebP or GIF image (this file is %(format)s).",
            code="bad_format",
            params={"format": image.format or "unknown"},
        )
    return FORMATS[image.format]


@contextmanager
def opened(file):
    """`file` opened by Pillow, its refusals turned into ValidationErrors; the file is put back
    where it was afterwards."""
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            yield image
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            "This image has too many pixels to be processed safely.", code="too_many_pixels"
        ) from error
    except UnidentifiedImageError as error:
        raise ValidationError(
            "Upload a JPEG, PNG, WebP or GIF image; this file is not an image.",
            code="not_an_image",
        ) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            "This file is not a complete image (it may be truncated or another kind of file).",
            code="incomplete_image",
        ) from error
    finally:
        file.seek(position)


class ImageUploadField(forms.ImageField):
    """Django's image form field, giving Episodic's reason when it refuses a file.

    Django answers every unreadable upload with one message ("Upload a valid image…"), even a
    decompression bomb, whose header Pillow refuses to open. When Django refuses a file, ask
    `validate_image` why, so the editor reads "too many pixels" or "not a complete image".
    A file Django accepts is still checked in full by the model field's `validate_image`.
    """

    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError as error:
            if getattr(error, "code", None) == "invalid_image":
                validate_image(data)
            raise

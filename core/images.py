"""Validation of uploaded images: size, real type, completeness and pixel count, checked before
anything is stored so a bad file never reaches the media folder or a rendition."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}


def validate_image(file):
    if file.size > settings.MAX_IMAGE_UPLOAD_BYTES:
        raise ValidationError(
            "This image is %(size)s; the limit is %(limit)s.",
            code="too_large",
            params={
                "size": filesizeformat(file.size),
                "limit": filesizeformat(settings.MAX_IMAGE_UPLOAD_BYTES),
            },
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            width, height = image.size
            if width * height > settings.MAX_IMAGE_PIXELS:
                raise ValidationError(
                    "This image is %(width)s × %(height)s pixels; the limit is %(limit)s "
                    "megapixels.",
                    code="too_many_pixels",
                    params={
                        "width": width,
                        "height": height,
                        "limit": settings.MAX_IMAGE_PIXELS // 1_000_000,
                    },
                )
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(
                    "Upload a JPEG, PNG, WebP or GIF image (this file is %(format)s).",
                    code="bad_format",
                    params={"format": image.format or "unknown"},
                )
            # Decoding every pixel is what finds a truncated or corrupt file.
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            "This image has too many pixels to be processed safely.", code="too_many_pixels"
        ) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            "This file is not a complete image (it may be truncated or another kind of file).",
            code="invalid_image",
        ) from error
    finally:
        file.seek(position)

"""Image files for upload tests, made with Pillow in memory."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def png_bytes(width=64, height=36, color=(200, 40, 90)):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes(width=64, height=36, color=(30, 60, 200)):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def upload(name="still.png", content=None, content_type="image/png"):
    return SimpleUploadedFile(name, content if content is not None else png_bytes(), content_type)


def still_files(still):
    """The names of a still's image and of every rendition imagekit makes of it."""
    renditions = [still.thumbnail] + [
        getattr(still, f"{fmt}_{width}")
        for width in still.RENDITION_WIDTHS
        for fmt in ("webp", "jpeg")
    ]
    return {still.image.name} | {rendition.name for rendition in renditions}

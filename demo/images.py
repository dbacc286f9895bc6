"""Images drawn in memory for tests and the large datasets: bytes of any format Pillow writes,
an upload as a form sends it, and a file stored once that many rows share."""

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(kind="PNG", width=64, height=36, color=(200, 40, 90), **options):
    """A plain image of `kind` (a Pillow format name), drawn in memory."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format=kind, **options)
    return buffer.getvalue()


def upload(name="still.png", content=None, content_type="image/png"):
    return SimpleUploadedFile(name, content if content is not None else image_bytes(), content_type)


def stored_image(name, content):
    """`name` in the default storage, written once: bulk stills all point at it, so a large
    dataset costs one file on disk."""
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(content))
    return name

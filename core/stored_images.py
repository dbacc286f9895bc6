"""The one way an image from outside is stored: an editor's upload, an imported still, and next
the catalogue's posters and embeds' thumbnails.

Every such image is a `StoredImageField`, so the admin's save and the importer's
`field.save(name, content)` take the same path. The stored name is ours: a slug of the name
the file came with (for people reading the media folder), a random part no one can guess (a
draft's still must not be found before the recap is published), and the extension of the
format Pillow finds in the bytes. The name the file came with, its extension and the type a
browser or a server claimed for it are never used: a JPEG called `evil.html` is stored as
`evil-<random>.jpg`, so nginx and S3, which give a file's type by its extension, serve it as
image/jpeg. `validate_image` is still the check an upload or an import passes first.
"""

import secrets
from pathlib import PurePath

from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.utils.text import slugify

from .images import FORMATS, detected_format, validate_image
from .media_faults import STORAGE_ERRORS, MediaStorageError, attempt

#: Characters kept from the name an image came with.
MAX_STEM = 40
#: What a stored name's extension says, whatever wrote the file (renditions, older rows).
CONTENT_TYPES = {
    **{image_format.extension: image_format.content_type for image_format in FORMATS.values()},
    ".jpeg": "image/jpeg",
}
#: What a file of any other name is served as: something a browser downloads, never renders.
UNKNOWN_CONTENT_TYPE = "application/octet-stream"


def stored_name(original_name, image_format):
    """`<slug of the original stem>-<random>.<extension of the detected format>`."""
    stem = slugify(PurePath(original_name or "").stem)[:MAX_STEM].strip("-")
    # 128 random bits: a name that cannot be guessed, nor found by trying.
    unguessable = secrets.token_urlsafe(16)
    return "-".join(filter(None, [stem, unguessable])) + image_format.extension


def content_type(name):
    """The type a stored file is served as, from its name's extension."""
    return CONTENT_TYPES.get(PurePath(name).suffix.lower(), UNKNOWN_CONTENT_TYPE)


class StoredImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        name = stored_name(name, detected_format(content))
        try:
            super().save(name, content, save=False)
        except STORAGE_ERRORS as error:
            raise MediaStorageError(name, error) from error
        if save:
            self.instance.save()


class StoredImageField(models.ImageField):
    """An image from outside: checked by `validate_image`, stored under a name of ours."""

    attr_class = StoredImageFieldFile
    default_validators = [validate_image]

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        """Django reads a stored image's size from the storage whenever a row without one is
        loaded (a row written before its size was kept, a raw insert): a file gone or a
        storage away leaves the size unknown, for the page to render without it, instead of
        failing the page."""
        file = instance.__dict__.get(self.attname)
        stored = file if isinstance(file, str) else getattr(file, "name", None)
        if not stored or not getattr(file, "_committed", True):
            # No file, or an upload still in memory: nothing to ask the storage.
            return super().update_dimension_fields(instance, force, *args, **kwargs)
        parent = super()
        return attempt(
            lambda: parent.update_dimension_fields(instance, force, *args, **kwargs), stored
        )

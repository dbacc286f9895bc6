"""Posters and photos a catalogue points at: not trusted. Fetched only from the provider's image
origins through core.fetch (public addresses, checked after DNS and on every redirect), then
checked like an upload (core.images: type, bytes, pixels) before anything is stored; stored
through the model's StoredImageField under a name of ours."""

import posixpath
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from core import fetch
from core.images import validate_image
from core.mediafiles import remove_unheld

from .client import calls
from .providers.base import BadAnswer


def download(provider, url, what):
    """The image at `url`, checked, as a file to store; None when there is no URL. A refusal is
    a BadAnswer naming `what` ("the poster", "Demian's photo")."""
    if not url:
        return None
    origins, trusted = provider.image_origins()
    calls["image"] += 1
    try:
        fetched = fetch.fetch(
            url,
            max_bytes=settings.MAX_IMAGE_UPLOAD_BYTES,
            origins=origins,
            trusted_origins=trusted,
            accept="image/*",
            connect_timeout=settings.CATALOGUE_TIMEOUT,
            total_timeout=settings.CATALOGUE_TIMEOUT,
        )
    except fetch.FetchError as error:
        raise BadAnswer(f"{provider.name}'s link to {what} was not fetched: {error}.") from error
    image = ContentFile(fetched.body, name=posixpath.basename(urlsplit(url).path) or "image")
    try:
        validate_image(image)
    except ValidationError as error:
        raise BadAnswer(
            f"{what.capitalize()} is not an image we can use: {' '.join(error.messages)}"
        ) from error
    return image


def delete_stored(files):
    """Files stored (and their renditions) for rows that were then not written: the
    transaction failed, so no row holds them."""
    for file in files:
        if file:
            remove_unheld(type(file.instance), file.field.name, file.name)

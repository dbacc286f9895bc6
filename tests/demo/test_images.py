"""demo.images: a file many bulk rows share is stored once."""

import pytest
from django.core.files.storage import default_storage

from demo import images

pytestmark = pytest.mark.django_db


def test_a_stored_image_is_written_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    first = images.stored_image("bulk/once.png", images.image_bytes())
    second = images.stored_image("bulk/once.png", images.image_bytes())

    assert first == second == "bulk/once.png"
    assert default_storage.listdir("bulk") == ([], ["once.png"])

import pytest


@pytest.fixture(autouse=True)
def own_media_folder(media_root):
    """Every test here uploads: each gets a media folder of its own."""

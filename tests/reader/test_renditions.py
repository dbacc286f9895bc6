"""Renditions are generated when an image is saved, never on a reader's request."""

import os

from django.core.files.storage import default_storage

from .factories import make_episode, make_recap, make_still


def test_saving_a_still_generates_every_rendition(soundtrack):
    recap = make_recap(make_episode(soundtrack, 1))
    still = make_still(recap)
    for width in (480, 800, 1200):
        for fmt in ("webp", "jpeg"):
            name = getattr(still, f"{fmt}_{width}").name
            assert default_storage.exists(name), name
    assert still.picture.width == 800 and still.picture.height == 450


def test_rendering_a_page_does_not_generate_missing_renditions(client, soundtrack):
    recap = make_recap(make_episode(soundtrack, 1))
    still = make_still(recap, is_hero=True)
    name = still.webp_800.name
    default_storage.delete(name)
    response = client.get(recap.get_absolute_url())
    assert response.status_code == 200
    assert name in response.content.decode()
    assert not os.path.exists(default_storage.path(name))


def test_poster_and_photo_renditions_are_cropped_to_known_sizes(soundtrack):
    from tests import images

    soundtrack.poster.save("poster.jpg", images.upload("poster.jpg", images.jpeg_bytes(600, 800)))
    picture = soundtrack.poster_picture
    assert (picture.width, picture.height) == (480, 720)
    assert default_storage.exists(soundtrack.webp_480.name)

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from model_bakery import baker

from tests import images


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and renditions go to a folder of this test's own (tests/conftest.py empties the
    cache, where imagekit remembers which renditions exist)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def episode(soundtrack):
    return baker.make("shows.Episode", show=soundtrack, number=4, title="")


@pytest.fixture
def person(db):
    return baker.make(
        "people.Person", name="Geum Sae-rok", slug="geum-sae-rok", description="Actor", bio=""
    )


@pytest.fixture
def recap(episode, editor):
    return baker.make(
        "recaps.Recap",
        episode=episode,
        subtitle="A song in the rain",
        slug="soundtrack-2-episode-4",
        author=editor,
        intro="<p>Last time on the show.</p>",
        body="<p>What happened.</p>",
        status="published",
        published_at=timezone.make_aware(datetime(2023, 12, 13, 9)) - timedelta(hours=1),
        rating=8,
    )


@pytest.fixture
def still(recap):
    from recaps.models import Still

    return Still.objects.create(
        recap=recap,
        image=images.upload("still.png"),
        alt_text="Two people under an umbrella",
        caption="Still From Soundtrack #2 Episode 4",
    )

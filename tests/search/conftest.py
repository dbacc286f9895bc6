"""The search tests' fixtures: a writer, the show's cast, and no page cache (the tests read
the view's context, which a cached page does not have)."""

import pytest
from model_bakery import baker


@pytest.fixture
def author(django_user_model):
    return django_user_model.objects.create_user(username="writer", password="x")


@pytest.fixture
def cast(soundtrack):
    person = baker.make(
        "people.Person", name="Geum Sae-rok", slug="geum-sae-rok", native_name="금새록"
    )
    baker.make(
        "people.Credit", person=person, show=soundtrack, character_name="Han Su-ho", role="lead"
    )
    return person


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """These tests read the view's context, which a page served from the cache does not have."""
    settings.PAGE_CACHE_ENABLED = False

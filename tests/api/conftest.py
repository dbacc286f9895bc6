import pytest
from django.core.cache import cache

from tests.reader.conftest import series  # noqa: F401 - Soundtrack #2 with recaps, draft, future


@pytest.fixture
def api_get(client):
    """GET an API address; the JSON body and the response."""

    def get(url, **headers):
        response = client.get(url, headers=headers)
        assert response["Content-Type"].startswith("application/json"), response.content[:200]
        return response.json(), response

    return get


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()

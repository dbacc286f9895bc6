import pytest

from tests.reader.conftest import series  # noqa: F401 - the reader tests' Soundtrack #2 data


def html(response):
    return response.content.decode()


def page_cache(response):
    return response.get("X-Page-Cache")


def cache_control(response):
    return {
        part.strip().partition("=")[0]: part.strip().partition("=")[2]
        for part in response.get("Cache-Control", "").split(",")
        if part.strip()
    }


def cache_tags(response):
    return set(response["Cache-Tag"].split(","))


@pytest.fixture
def reader(client):
    """A reader without cookies, as most arrive from search engines and social links."""
    return client


@pytest.fixture
def another_reader(client):
    return type(client)()

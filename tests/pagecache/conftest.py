import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections

from pagecache.wsgi import PageCacheApplication
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


class CountingDjango:
    """Django's WSGI application, counting the requests it answers."""

    def __init__(self):
        self.django = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.django(environ, start_response)


@pytest.fixture
def django_app():
    # As Django's test client does: the test's database connection stays open across requests.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield CountingDjango()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def app(django_app):
    return PageCacheApplication(django_app)

import pytest

from .fake_tvmaze import FakeTVmaze


@pytest.fixture(scope="session")
def fake_tvmaze_server():
    server = FakeTVmaze().start()
    yield server
    server.stop()


@pytest.fixture
def tvmaze(fake_tvmaze_server, settings, tmp_path):
    """The fake TVmaze, its shows as TVmaze would give them, and the site pointed at it."""
    fake_tvmaze_server.reset()
    settings.CATALOGUE_TVMAZE_URL = fake_tvmaze_server.url
    settings.CATALOGUE_TRUST_TEST_IMAGES = True
    settings.CATALOGUE_RATE_LIMIT_WAIT = 0
    # The politeness window has a test of its own; here it would only slow the tests down.
    settings.CATALOGUE_TVMAZE_CALLS_PER_10_SECONDS = 10_000
    settings.CATALOGUE_TIMEOUT = 1
    settings.CATALOGUE_MAX_ANSWER_BYTES = 1024 * 1024
    settings.MEDIA_ROOT = tmp_path
    return fake_tvmaze_server

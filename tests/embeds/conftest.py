import pytest

from tests.embeds.fake_provider import point_providers_at, start


@pytest.fixture(scope="session")
def fake_provider_server():
    fake = start()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


@pytest.fixture
def provider(fake_provider_server, settings, tmp_path):
    """The fake provider, empty, with every endpoint pointing at it; media in a fresh folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    fake_provider_server.reset()
    point_providers_at(settings, fake_provider_server)
    return fake_provider_server

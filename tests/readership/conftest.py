import pytest
from model_bakery import baker

from readership import counting, views

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"


@pytest.fixture(autouse=True)
def nothing_pending():
    """Each test starts with no views kept in this process, nor which recaps are published."""
    counting.pending.take()
    views._published_memo.clear()
    yield
    counting.pending.take()
    views._published_memo.clear()


@pytest.fixture
def send_beacon(client):
    """POSTs the beacon as a browser on the site's own page does; returns the response."""

    def send(recap_pk, referrer="", **headers):
        return client.post(
            "/views/",
            {"recap": recap_pk, "from": referrer},
            headers={"User-Agent": BROWSER, "Sec-Fetch-Site": "same-origin", **headers},
        )

    return send


@pytest.fixture
def draft(recap):
    return baker.make(
        "recaps.Recap", episode=recap.episode, slug="draft-of-episode-4", status="draft"
    )

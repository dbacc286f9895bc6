"""An imported WordPress post with a YouTube embed, in Chromium: the facade shows the stored
thumbnail and a Play button, and the network log holds no request outside the site until the
reader presses Play (with the keyboard); then the player's frame loads (from a stub: playwright
answers for the player's host, so no test reaches the internet). Without JavaScript the embed
is a link. Screenshots at 390 and 1280 px go to test-artifacts/embed-*.png (the ones looked at
when the facade was built are in docs/screenshots/)."""

import io
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from tests.browser.conftest import ARTIFACTS
from tests.embeds.conftest import fake_provider_server, provider  # noqa: F401
from tests.embeds.fake_provider import YOUTUBE_URL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXPORT = Path(__file__).parents[1] / "embeds" / "exports" / "embeds.xml"
PLAYER_HOST = "https://www.youtube-nocookie.com/"
PLAYER_STUB = "<!doctype html><title>Player</title><body style='background:#000'></body>"


@pytest.fixture
def imported_recap(live_server, provider, tmp_path):  # noqa: F811
    provider.answer(YOUTUBE_URL, title="Moonlit Harbor: Season 2 Official Trailer")
    export = tmp_path / "embeds.xml"
    shutil.copy(EXPORT, export)
    call_command("import_wordpress", str(export), stdout=io.StringIO())
    return f"{live_server.url}/recaps/moonlit-harbor-episode-1-recap/"


def outside(requests, site):
    return [url for url in requests if not url.startswith((site, "data:"))]


def test_the_facade_loads_nothing_from_youtube_until_play_is_pressed(
    live_server, reader, imported_recap
):
    requests = []
    reader.on("request", lambda request: requests.append(request.url))
    reader.route(
        f"{PLAYER_HOST}**", lambda route: route.fulfill(body=PLAYER_STUB, content_type="text/html")
    )
    reader.goto(imported_recap, wait_until="networkidle")

    facade = reader.locator("figure.embed")
    play = facade.get_by_role(
        "button", name="Play Moonlit Harbor: Season 2 Official Trailer (YouTube)"
    )
    assert play.is_visible()
    assert facade.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert reader.locator("iframe").count() == 0
    assert outside(requests, live_server.url) == []
    before = len(requests)
    violations = Axe().run(reader).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in {"serious", "critical"}] == []

    box = facade.locator(".embed__frame").bounding_box()
    play.focus()
    reader.keyboard.press("Enter")
    player = facade.locator("iframe")
    player.wait_for()
    reader.wait_for_load_state("networkidle")
    assert player.get_attribute("src").startswith(f"{PLAYER_HOST}embed/dQw4w9WgXcQ?")
    assert outside(requests, live_server.url) == [player.get_attribute("src")]
    print(  # noqa: T201 - the must-show's figure, read with `pytest -s`
        f"NETWORK before Play: {before} requests, {before} to the site, 0 outside; after Play: "
        f"{len(requests) - before} more, outside the site: {outside(requests, live_server.url)}"
    )
    assert reader.evaluate("document.activeElement.tagName") == "IFRAME"
    # The player takes the box the facade held: nothing below it moves.
    assert facade.locator(".embed__frame").bounding_box() == box
    assert player.content_frame.locator("title").inner_text() == "Player"


def test_without_javascript_the_embed_is_a_link(browser, live_server, imported_recap):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.route("**/media/**", lambda route: route.fulfill(status=404))
    page.goto(imported_recap)
    facade = page.locator("figure.embed")
    assert not facade.locator("button").is_visible()
    link = facade.locator("figcaption a")
    assert link.get_attribute("href") == YOUTUBE_URL
    assert link.inner_text() == "Moonlit Harbor: Season 2 Official Trailer"
    assert outside(requests, live_server.url) == []
    context.close()


def test_facade_screenshots(reader, imported_recap):
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (390, 1280):
        reader.set_viewport_size({"width": width, "height": 800 if width > 400 else 760})
        reader.goto(imported_recap, wait_until="networkidle")
        reader.locator("figure.embed").evaluate(
            "figure => figure.scrollIntoView({block: 'center', behavior: 'instant'})"
        )
        overflow = reader.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        reader.screenshot(path=str(ARTIFACTS / f"embed-{width}.png"))

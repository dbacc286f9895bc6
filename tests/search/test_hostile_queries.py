"""/search/ with hostile queries and pages: markup shown escaped, never a 500, null bytes
dropped, over-long queries a 400, bad pages a 404."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from demo import factories
from tests.search.helpers import found_slugs, results


@pytest.mark.parametrize(
    "q",
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "{{ request }} {% now 'Y' %}",
    ],
)
def test_markup_in_the_query_is_shown_escaped(client, soundtrack, author, q):
    factories.recap(soundtrack, 1, author, subtitle="script alert img")

    html = results(client, q).content.decode()

    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "&lt;img" in html or "{{" in html


@pytest.mark.parametrize(
    "q",
    [
        "Su-ho\x00",
        "\x00",
        "piano\x00\x00lighthouse",
        "🎹🎵 사운드트랙#2 ♪",
        "\u202eRTL override",
        "a" * 200,
        "' OR 1=1 --",
        '"unbalanced & | ! ( : *',
        "%_\\",
        # FTS5 query syntax, which must be read as words and never raise.
        "NEAR(piano lighthouse, 2)",
        "piano NEAR lighthouse",
        '"',
        '""',
        '"piano',
        "*",
        "piano*",
        "^piano",
        "subtitle:piano",
        "{subtitle intro}: piano",
        "piano AND OR NOT",
        "NOT",
        "(piano",
        "piano)",
        '- + : ^ * " ( )',
        'Su-ho\'s "song"',
        "ｐｉａｎｏ ＮＥＡＲ",
        "e\u0301te\u0301 caf\u00e9",
        "\U0001f3b9*",
    ],
)
def test_hostile_queries_get_a_page_not_an_error(client, soundtrack, author, cast, q):
    factories.recap(soundtrack, 1, author)

    response = client.get("/search/", {"q": q})

    assert response.status_code == 200


def test_null_bytes_are_dropped_before_searching(client, soundtrack, author, cast):
    factories.recap(soundtrack, 1, author)

    response = results(client, "Su\x00-ho")

    assert response.context["query"] == "Su -ho"
    response = results(client, "Su-ho\x00")
    assert found_slugs(response) == ["soundtrack-2-episode-1"]


@pytest.mark.parametrize("length", [201, 10_000])
def test_over_long_query_is_a_400_with_a_readable_message(client, db, length):
    response = client.get("/search/", {"q": "x" * length})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Search terms can be at most 200 characters long." in html
    assert 'name="q"' in html
    assert "x" * 201 not in html


@pytest.mark.parametrize("page", ["abc", "0", "999", "-1", "1.5", "last\x00"])
def test_bad_page_is_404(client, soundtrack, author, page):
    factories.recap(soundtrack, 1, author)

    assert client.get("/search/", {"q": "Soundtrack", "page": page}).status_code == 404


@given(q=st.text(max_size=250))
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_any_text_gets_a_page_or_a_400_never_a_500(client, soundtrack, author, q):
    if not hasattr(soundtrack, "_recap_made"):
        factories.recap(soundtrack, 1, author, body="<p>Su-ho and the piano.</p>")
        soundtrack._recap_made = True

    response = client.get("/search/", {"q": q, "page": "1"})

    assert response.status_code in (200, 400)

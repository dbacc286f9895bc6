"""search.query's pure parts: normalising a query and marking its matches."""

import pytest

from search import query as search


def test_normalise_strips_control_characters_and_collapses_spaces():
    assert search.normalise("  Su-ho\x00\x07 \n and\tEun-su ") == "Su-ho and Eun-su"
    assert search.normalise(None) == ""


def test_normalise_refuses_more_than_200_characters():
    assert search.normalise("x" * 200) == "x" * 200
    with pytest.raises(search.QueryTooLong):
        search.normalise("x" * 201)


def test_highlight_cannot_be_forged_with_sentinel_characters():
    text = search.normalise(f"{search.START_SEL}<b>{search.STOP_SEL}")

    assert search.START_SEL not in text
    assert str(search._marked(search.highlight("Su-ho <3", ["su-ho"]))) == (
        "<mark>Su-ho</mark> &lt;3"
    )

"""The headline pattern reads any title in linear time (it used to backtrack: a title of 1,000
spaces took 17 s, 200 spaces 12 s), and reads every headline as the old pattern did."""

import re
import time
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from importer import headlines

# The pattern before it was made linear, kept as the reference for what a headline means. Only
# ever given short inputs here: on a long run of spaces it takes seconds.
BACKTRACKING = re.compile(
    r"^\s*(?P<show>.+?)\s*[-–—:,]?\s+"
    r"(?:(?:Season|S)\s*(?P<season>\d{1,3})\s*[,:]?\s*)?"
    r"(?:(?:Episodes?|Eps?\.?)\s*(?P<first>\d{1,4})"
    r"(?:\s*(?:&|and|-|–|—|to|\+|,)\s*(?P<last>\d{1,4}))?"
    r"(?:\s*\(?\s*(?P<finale_after>(?:Season\s+)?Finale)\s*\)?)?"
    r"|(?P<finale>(?:Season\s+|Series\s+)?Finale))"
    r"\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
WORDS = [
    "Moonlit", "Harbor", "사운드트랙", "Episode", "episodes", "Ep", "Ep.", "EPS", "Season", "S",
    "Series", "Finale", "Recap", "Review", "and", "&", "+", "to", "1", "2", "12", "0", "9999",
    "(", ")", ":", "-", "–", "—", ",", "|", "S2", "Ep3",
]  # fmt: skip
GAPS = ["", " ", "  ", "\t", "\n", " - ", ": "]
headline_like = st.lists(st.tuples(st.sampled_from(GAPS), st.sampled_from(WORDS)), max_size=10).map(
    lambda pairs: "".join(gap + word for gap, word in pairs)
)


@given(st.tuples(st.sampled_from(GAPS), headline_like, st.sampled_from(GAPS)))
@settings(max_examples=500)
def test_every_headline_reads_as_it_did_with_the_backtracking_pattern(parts):
    title = "".join(parts)
    with mock.patch.object(headlines, "_HEADLINE", BACKTRACKING):
        before = headlines.parse(title)
    assert headlines.parse(title) == before


@pytest.mark.parametrize(
    "title",
    [
        pytest.param(" " * 100, id="100-spaces"),  # about a second before
        pytest.param(" " * 1_000, id="1000-spaces"),  # 17 s in the review; minutes here
        pytest.param(" " * 100_000, id="100000-spaces"),
        pytest.param("\t \n" * 30_000, id="tabs-and-newlines"),
        pytest.param(
            "Moonlit Harbor" + " " * 50_000 + "Episode 1" + " " * 50_000 + "x\nRecap",
            id="spaces-around-an-episode-then-a-newline",
        ),
        pytest.param("Ep 1 " * 5_000 + "\n", id="many-episodes"),
        pytest.param("S1 " * 5_000, id="many-seasons"),
        pytest.param("a" + " -" * 10_000, id="many-dashes"),
        pytest.param("Episode 1 (" + " " * 50_000 + "Recap", id="open-bracket-then-spaces"),
        pytest.param("Moonlit Harbor Episode 1" + " " * 50_000 + "\n", id="trailing-spaces"),
    ],
)
def test_an_adversarial_title_is_read_in_milliseconds(title):
    """A few milliseconds each on an idle machine; the bound leaves room for a busy one."""
    started = time.perf_counter()
    headlines.parse(title)
    assert time.perf_counter() - started < 0.1


@given(st.text(max_size=5_000))
@settings(deadline=100)
def test_any_text_is_read_within_the_deadline(title):
    headlines.parse(title)

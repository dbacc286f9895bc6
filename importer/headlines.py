"""Which show and episode a WordPress headline is about: pure functions, no database.

Recap sites title their posts `<Show> Episode <N> Recap and Review: <subtitle>`, with variants:
`Ep N`, `Episodes 3 & 4`, `Season 2 Episode 5`, `Finale`, `Recap & Review`, a dash instead of
the colon. A headline that names no episode is not a recap."""

import re
from dataclasses import dataclass

# Possessive quantifiers (`*+`, `++`) and atomic choices keep the match linear: each run of
# spaces is read once, never split between neighbouring `\s*`s in every possible way (a title
# of 1,000 spaces took 17 s). Each one stands where giving characters back could not help: what
# follows it cannot start with what it took.
_EPISODES = (
    r"(?:Episodes?|Eps?\.?)\s*+(?P<first>\d{1,4})"
    r"(?:\s*+(?:&|and|-|–|—|to|\+|,)\s*+(?P<last>\d{1,4}))?"
)
_HEADLINE = re.compile(
    r"^\s*+(?P<show>.*?\S)(?:\s*+[-–—:,])?\s++"
    r"(?:(?:Season|S)\s*+(?P<season>\d{1,3})\s*+(?:[,:]\s*+)?)?"
    rf"(?:{_EPISODES}(?:\s*+(?:\(\s*+)?(?P<finale_after>(?:Season\s++)?Finale)\s*+\)?)?"
    r"|(?P<finale>(?:Season\s++|Series\s++)?Finale))"
    r"\s*+(?P<rest>.*+)$",
    re.IGNORECASE,
)
_RECAP_WORDS = re.compile(r"^(?:Recap|Review)\b", re.IGNORECASE)
_LEAD = re.compile(
    r"^(?:Recap(?:\s*(?:and|&|\+)\s*Review)?|Review(?:\s*(?:and|&|\+)\s*Recap)?)\s*[:\-–—|]?\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Headline:
    show: str
    season: int | None
    episode: int | None  # None: a finale whose number the headline does not give
    last_episode: int | None
    subtitle: str
    finale: bool


def parse(title):
    """The show, season, episode(s) and subtitle of a recap headline, or None."""
    match = _HEADLINE.match(title or "")
    if not match:
        return None
    rest = match["rest"].strip()
    if not _RECAP_WORDS.match(rest):
        return None
    show = match["show"].strip(" -–—:,")
    if not show:
        return None
    first = int(match["first"]) if match["first"] else None
    last = int(match["last"]) if match["last"] else None
    if first is not None and first < 1:
        return None
    if last is not None and (first is None or last <= first):
        last = None
    subtitle = _LEAD.sub("", rest, count=1).strip()
    return Headline(
        show=show,
        season=int(match["season"]) if match["season"] else None,
        episode=first,
        last_episode=last,
        subtitle=subtitle,
        finale=bool(match["finale"] or match["finale_after"]),
    )


def normalise(name):
    """A key that finds "Soundtrack #2" from "Soundtrack 2", "soundtrack-2" or "SOUNDTRACK #2"."""
    return re.sub(r"[\W_]+", "", (name or "").casefold())


def season_title(show, season):
    return show if not season or season == 1 else f"{show} Season {season}"

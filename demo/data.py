"""Demo content for `manage.py load_demo`: facts in `catalogue`, articles in `articles`, and the
placeholder artwork in `art`. Data only; the loading lives in the management command."""

from dataclasses import dataclass, field
from datetime import date, datetime, time


@dataclass(frozen=True)
class PlatformData:
    slug: str
    name: str
    website: str = ""


@dataclass(frozen=True)
class ShowData:
    slug: str
    title: str
    premiere_date: date
    platforms: tuple[str, ...]
    native_title: str = ""
    other_titles: str = ""
    country: str = ""
    synopsis: str = ""
    planned_episode_count: int | None = None
    release_weekdays: tuple[int, ...] = ()
    release_time: time | None = None
    time_zone: str = "UTC"
    episodes_per_release: int = 1
    follows: str = ""
    # Episodes are created for shows with a planned count when this is set.
    with_episodes: bool = False
    episode_titles: dict[int, str] = field(default_factory=dict)
    air_date_overrides: dict[int, date] = field(default_factory=dict)
    # Palette for the placeholder poster and stills; a poster is drawn when set.
    palette: tuple[tuple[int, int, int], ...] = ()
    still_credit: str = ""


@dataclass(frozen=True)
class PersonData:
    slug: str
    name: str
    native_name: str = ""
    description: str = ""
    bio: str = ""
    photo: bool = False


@dataclass(frozen=True)
class CreditData:
    person: str
    show: str
    character_name: str = ""
    role: str = "supporting"
    billing_order: int = 0


@dataclass(frozen=True)
class StillData:
    section: str
    order: int
    alt_text: str
    is_hero: bool = False


@dataclass(frozen=True)
class RecapData:
    show: str
    episode: int
    subtitle: str
    slug: str
    intro: str
    body: str
    review: str = ""
    bonus_track: str = ""
    verdict: str = ""
    rating: int | None = None
    meta_description: str = ""
    # None keeps the recap a draft.
    published_at: datetime | None = None
    tags: tuple[str, ...] = ()
    also_read: tuple[str, ...] = ()
    stills: tuple[StillData, ...] = ()


def text(value: str) -> str:
    """A wrapped source string as one line of plain text."""
    return " ".join(value.split())


SPOILER = "[spoiler]"


def html(value: str) -> str:
    """Paragraphs separated by blank lines, as <p> elements (inline markup passes through); a
    paragraph that starts with "[spoiler]" is marked as a spoiler, as an editor would mark it."""
    paragraphs = [text(block) for block in value.strip().split("\n\n") if block.strip()]
    return "".join(_paragraph(paragraph) for paragraph in paragraphs)


def _paragraph(paragraph):
    if paragraph.startswith(SPOILER):
        return f'<p class="spoiler">{paragraph.removeprefix(SPOILER).strip()}</p>'
    return f"<p>{paragraph}</p>"

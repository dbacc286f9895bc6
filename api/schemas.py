"""The API's response shapes, as pydantic models: django-ninja validates every answer against
them and writes the OpenAPI schema from them, so the schema cannot drift from the answers.

Fields of the objects a client may pick with `fields=` have defaults: a field not picked is
left out of the answer (`exclude_unset`), which the schema allows by not requiring it."""

from pydantic import BaseModel as Schema


class Rendition(Schema):
    format: str
    width: int
    url: str


class Still(Schema):
    id: int
    url: str | None
    width: int | None
    height: int | None
    alt: str
    caption: str
    credit: str
    section: str
    is_hero: bool
    renditions: list[Rendition]


class ShowLink(Schema):
    id: int
    slug: str
    title: str
    url: str


class PersonLink(Schema):
    id: int
    slug: str
    name: str
    url: str


class Platform(Schema):
    name: str
    slug: str
    website: str


class ReleaseSchedule(Schema):
    premiere: str
    weekdays: list[str]
    release_time: str | None
    time_zone: str
    episodes_per_release: int
    all_at_once: bool
    planned_episode_count: int | None


class Facts(Schema):
    cast: str
    last_seen: list[str]
    run: str
    schedule: str
    where_to_watch: str


class Credit(Schema):
    character: str
    role: str
    billing_order: int
    person: PersonLink | None = None
    show: ShowLink | None = None


class Episode(Schema):
    id: int = None
    number: int = None
    title: str | None = None
    masked: bool = None
    show: ShowLink = None
    air_date: str | None = None
    airs_at: str | None = None
    airs_at_local: str | None = None
    time_zone: str = None
    url: str = None


class Show(Schema):
    id: int = None
    slug: str = None
    title: str = None
    url: str = None
    native_title: str = None
    other_titles: list[str] = None
    country: str = None
    synopsis: str = None
    poster: list[Rendition] = None
    platforms: list[Platform] = None
    premiere_date: str | None = None
    finale_date: str | None = None
    schedule: ReleaseSchedule | None = None
    next_release_at: str | None = None
    facts: Facts = None
    updated_at: str = None
    cast: list[Credit] = None
    episodes: list[Episode] = None


class Person(Schema):
    id: int = None
    slug: str = None
    name: str = None
    url: str = None
    native_name: str = None
    description: str = None
    bio: str = None
    photo: list[Rendition] = None
    updated_at: str = None
    credits: list[Credit] = None


class Tag(Schema):
    slug: str
    name: str
    url: str


class RecapEpisode(Schema):
    id: int
    number: int
    title: str | None = None


class Section(Schema):
    key: str
    heading: str
    html: str
    stills: list[Still]


class Recap(Schema):
    """A recap; `masked` when it is after the `watched` mark, with only id, slug, url, show and
    episode number, as the site's masked link shows no more."""

    id: int = None
    slug: str = None
    url: str = None
    masked: bool = None
    show: ShowLink = None
    episode: RecapEpisode = None
    headline: str = None
    subtitle: str = None
    author: str = None
    excerpt: str = None
    verdict: str = None
    rating: int | None = None
    tags: list[Tag] = None
    reading_minutes: int = None
    word_count: int = None
    comment_count: int = None
    hero: Still | None = None
    published_at: str = None
    updated_at: str = None
    text_modified_at: str = None
    intro: str = None
    sections: list[Section] = None


class Error(Schema):
    detail: str


def page_of(item):
    """A page of a list: its items and the address of the next page (None on the last)."""
    return type(
        f"{item.__name__}Page",
        (Schema,),
        {"__annotations__": {"results": list[item], "next": str | None}},
    )


RecapPage = page_of(Recap)
ShowPage = page_of(Show)
EpisodePage = page_of(Episode)
PersonPage = page_of(Person)
TagPage = page_of(Tag)

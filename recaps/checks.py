"""Pre-publish checks: what must be right before a recap goes live (errors) and what an editor
should look at first (warnings).

`run()` is pure: it takes plain values and returns messages, so its tests need no database.
`run_for()` gathers those values for a saved recap; the admin form gathers them from what the
editor is about to save (see `recaps.admin.stills`).
"""

import html
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.html import strip_tags

#: Inclusive bounds, in characters. A headline is "Show Episode N Recap and Review: subtitle";
#: search engines cut titles at about 60 characters and descriptions at about 160, social cards
#: show about 110 of a title, and a description under 70 says too little to earn the click.
HEADLINE_LENGTH = (30, 110)
META_DESCRIPTION_LENGTH = (70, 160)


@dataclass(frozen=True)
class StillFacts:
    alt_text: str
    is_hero: bool
    label: str = ""


@dataclass(frozen=True)
class PickFacts:
    headline: str
    is_live_by_then: bool


@dataclass
class Result:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def clean(self):
        return not self.errors and not self.warnings


def plain_text(rich):
    return html.unescape(strip_tags(rich or "")).strip()


def _length(name, value, bounds):
    low, high = bounds
    size = len(value)
    if size < low:
        return f"The {name} is too short: {size} characters, at least {low} needed."
    if size > high:
        return f"The {name} is too long: {size} characters, at most {high} allowed."
    return None


def run(
    *,
    headline: str,
    review: str,
    meta_description: str,
    stills: list[StillFacts],
    also_read: list[PickFacts],
    competing: list[str],
    air_date: date | None,
    publish_day: date,
    tags: list[str],
    verdict: str = "",
    author_named: bool = True,
) -> Result:
    """Check a recap about to go live on `publish_day` (the show's local date at the publish
    time)."""
    result = Result()
    errors, warnings = result.errors, result.warnings
    for number, still in enumerate(stills, start=1):
        if not still.alt_text.strip():
            errors.append(f"Still {still.label or number} has no alt text.")
    if not plain_text(review):
        errors.append("The review section is empty: a recap and review needs a review.")
    for message in (
        _length("headline", headline, HEADLINE_LENGTH),
        _length("meta description", meta_description.strip(), META_DESCRIPTION_LENGTH),
    ):
        if message:
            errors.append(message)
    if not any(still.is_hero for still in stills):
        errors.append("No hero still: tick “hero still” on one of the stills.")
    for pick in also_read:
        if not pick.is_live_by_then:
            errors.append(f"The Also Read pick “{pick.headline}” is not published.")
    for other in competing:
        errors.append(f"This episode already has a published recap: “{other}”.")
    if air_date is None:
        warnings.append("The episode has no air date yet.")
    elif air_date > publish_day:
        warnings.append(
            f"The episode airs on {air_date:%B} {air_date.day}, {air_date.year}, after this "
            "recap goes live."
        )
    if not tags:
        warnings.append("The recap has no tags.")
    if not verdict.strip():
        warnings.append("The review has no one-sentence verdict.")
    if not author_named:
        warnings.append(
            "The author has no first or last name, so the byline names the site's staff: "
            "add their name under Users to sign the recap."
        )
    return result


def run_for(recap, publish_time: datetime, *, now=None, stills=None, also_read=None, tags=None):
    """The checks for `recap` going live at `publish_time`, from the database unless the
    stills (StillFacts), Also Read picks (recaps) or tag names about to be saved are given."""
    from .models import Recap, is_visible

    episode = recap.episode
    if stills is None:
        stills = [
            StillFacts(still.alt_text, still.is_hero, still.caption or still.alt_text)
            for still in recap.stills.all()
        ]
    if also_read is None:
        also_read = list(recap.also_read.all()) if recap.pk else []
    if tags is None:
        tags = list(recap.tags.names()) if recap.pk else []
    competing = (
        Recap.objects.filter(episode=episode, status=Recap.Status.PUBLISHED)
        .exclude(pk=recap.pk)
        .select_related("episode__show")
    )
    return run(
        headline=recap.headline,
        review=recap.review,
        meta_description=recap.meta_description,
        stills=stills,
        also_read=[
            PickFacts(pick.headline, is_visible(pick.status, pick.published_at, publish_time))
            for pick in also_read
        ],
        competing=[other.headline for other in competing],
        air_date=episode.air_date,
        publish_day=episode.show.local_today(publish_time),
        tags=tags,
        verdict=recap.verdict,
        author_named=recap.author_id is None or bool(recap.author.get_full_name()),
    )

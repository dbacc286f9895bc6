"""Adding a catalogue show: what it would create (`plan`), then writing it (`add`), all in one
transaction, the images fetched and checked before it begins, so a failure stores nothing.
A second add of the same show writes only what the catalogue changed (nothing, usually)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from people.models import Credit, Person
from shows.models import Episode, Platform, Show

from . import images
from .models import SyncedValues
from .providers.base import CatalogueError
from .seasons import season_values
from .synced import Memories, Report, follow


@dataclass
class PersonMatch:
    """A credited person: the one linked to the catalogue's id, or one of the same exact name
    here (reused only if the editor confirms it is them), or neither (created)."""

    billing: int
    name: str
    character: str
    catalogue_id: str
    photo_url: str
    by_id: Person | None
    by_name: Person | None


@dataclass
class SeasonPlan:
    number: int
    title: str
    episode_count: int
    existing: Show | None


@dataclass
class Plan:
    provider: object
    show: object
    seasons: list
    people: list

    @property
    def episode_count(self):
        return sum(season.episode_count for season in self.seasons)

    @property
    def reused(self):
        return [match for match in self.people if match.by_id]

    @property
    def to_confirm(self):
        return [match for match in self.people if not match.by_id and match.by_name]


def plan(provider, show):
    """What adding `show` (the provider's values) would create and reuse; three queries."""
    numbers = sorted(
        {episode.season for episode in show.episodes} | {s.number for s in show.seasons}
    )
    references = {number: provider.reference(show.id, number) for number in numbers}
    existing = {
        s.catalogue_id: s for s in Show.objects.filter(catalogue_id__in=references.values())
    }
    unique_people = list({credit.person.id: credit for credit in show.credits}.values())
    person_ids = [provider.reference(credit.person.id) for credit in unique_people]
    by_id = {p.catalogue_id: p for p in Person.objects.filter(catalogue_id__in=person_ids)}
    by_name = {}
    for person in Person.objects.filter(
        name__in=[c.person.name for c in unique_people], catalogue_id=""
    ).order_by("pk"):
        by_name.setdefault(person.name, person)
    return Plan(
        provider=provider,
        show=show,
        seasons=[
            SeasonPlan(
                number=number,
                title=season_values(show, number).values["title"],
                episode_count=len(show.episodes_of(number)),
                existing=existing.get(references[number]),
            )
            for number in numbers
        ],
        people=[
            PersonMatch(
                billing=index,
                name=credit.person.name,
                character=credit.character,
                catalogue_id=person_id,
                photo_url=credit.person.photo_url,
                by_id=by_id.get(person_id),
                by_name=by_name.get(credit.person.name),
            )
            for index, (credit, person_id) in enumerate(
                zip(unique_people, person_ids, strict=True), start=1
            )
        ],
    )


def add(plan, seasons, *, confirmed=(), leads=2):
    """Creates (or brings up to date) the chosen seasons as shows, their episodes, people and
    credits; returns (the season shows, a Report). `confirmed` holds the catalogue ids of people
    whose same-named person here is them; `leads` how many of the first billed lead."""
    chosen = [season for season in plan.seasons if season.number in set(seasons)]
    if not chosen:
        raise CatalogueError("Choose at least one season to add.")
    provider, show = plan.provider, plan.show
    reused = {
        m.catalogue_id: m.by_id or (m.by_name if m.catalogue_id in confirmed else None)
        for m in plan.people
    }
    stored = []
    try:
        poster = None
        if any(season.existing is None for season in chosen):
            poster = images.download(provider, show.poster_url, "the poster")
        photos = {
            match.catalogue_id: images.download(provider, match.photo_url, f"{match.name}'s photo")
            for match in plan.people
            if reused[match.catalogue_id] is None
        }
        with transaction.atomic():
            return _write(plan, chosen, reused, poster, photos, leads, stored)
    except BaseException:
        images.delete_stored(stored)
        raise


def _write(plan, chosen, reused, poster, photos, leads, stored):
    provider, show, report = plan.provider, plan.show, Report()
    season_refs = {s.number: provider.reference(show.id, s.number) for s in plan.seasons}
    episode_refs = [provider.reference(e.id) for e in show.episodes]
    memories = Memories(
        [*season_refs.values(), *episode_refs, *(m.catalogue_id for m in plan.people)]
    )
    platforms = matched_platforms(show.platforms)
    shows, earlier = [], None
    for season in chosen:
        row = season.existing or Show(
            catalogue_id=season_refs[season.number], catalogue_url=show.url
        )
        created = row.pk is None
        if created:
            row.follows = (
                earlier
                or Show.objects.filter(catalogue_id=season_refs.get(season.number - 1, "-")).first()
            )
            if poster is not None:
                row.poster.save(poster.name, poster, save=False)
                stored.append(row.poster)
        write_season(provider, show, season.number, row, memories, report)
        if created:
            row.platforms.set(platforms)
        shows.append(row)
        earlier = row
    people = _write_people(plan, reused, photos, memories, report, stored)
    _write_credits(plan, shows, people, leads, report)
    memories.save()
    remember_stamp(provider, show)
    return shows, report


def remember_stamp(provider, show):
    """The catalogue's own time of its last change to the show, which the sync compares."""
    SyncedValues.objects.update_or_create(
        reference=provider.reference(show.id), defaults={"values": {"updated": show.updated}}
    )


def write_season(provider, show, number, row, memories, report):
    """The show row of season `number` and its episodes follow the catalogue (hand edits
    kept); each saved with .save() so what depends on air times moves with them."""
    values = season_values(show, number)
    memory = memories.of(row.catalogue_id)
    created = row.pk is None
    changed = follow(row, values.values, memory, f"“{values.values['title']}”", report)
    if created:
        row.slug = free_slug(Show, row.title, row.catalogue_id)
        report.created.append(f"the show “{row.title}”")
    if created or changed:
        row.save()
    # An episode already here under its number (typed before the show was linked, or one the
    # catalogue replaced with a new id) is the catalogue's episode of that number.
    here = list(row.episodes.all()) if not created else []
    by_number = {episode.number: episode for episode in here}
    existing = {episode.catalogue_id: episode for episode in here if episode.catalogue_id}
    added = 0
    for episode_values in values.episodes:
        reference = provider.reference(episode_values.id)
        episode = existing.get(reference) or by_number.get(episode_values.number)
        if episode is None:
            episode = Episode(show=row, number=episode_values.number)
        fresh_link = episode.catalogue_id != reference
        episode.catalogue_id = reference
        memory = memories.of(reference)
        fresh = episode.pk is None
        changed = follow(
            episode, episode_values.values, memory, f"{row.title} episode {episode.number}", report
        )
        if fresh or changed or fresh_link:
            episode.save()
            added += fresh
    if added:
        report.created.append(f"{added} episodes of “{row.title}”")
    return row


def _write_people(plan, reused, photos, memories, report, stored):
    people, created = {}, 0
    for match in plan.people:
        person = reused[match.catalogue_id] or Person(catalogue_id=match.catalogue_id)
        if person.pk is not None and not person.catalogue_id:
            person.catalogue_id = match.catalogue_id  # the editor confirmed it is them
            person.save()
        memory = memories.of(match.catalogue_id)
        fresh = person.pk is None
        changed = follow(person, {"name": match.name}, memory, f"the person {match.name}", report)
        if fresh:
            person.slug = free_slug(Person, match.name, match.catalogue_id)
            photo = photos.get(match.catalogue_id)
            if photo is not None:
                person.photo.save(photo.name, photo, save=False)
                stored.append(person.photo)
            created += 1
        if fresh or changed:
            person.save()
        people[match.catalogue_id] = person
    if created:
        report.created.append(f"{created} people")
    return people


def _write_credits(plan, shows, people, leads, report):
    """Each chosen season credits the catalogue's cast, in billing order, the first `leads`
    billed as leads; a credit already here is left as editors made it."""
    have = set(
        Credit.objects.filter(show__in=shows).values_list("show_id", "person_id", "character_name")
    )
    credits = [
        Credit(
            show=row,
            person=people[match.catalogue_id],
            character_name=match.character,
            billing_order=match.billing,
            role=Credit.Role.LEAD if match.billing <= leads else Credit.Role.SUPPORTING,
        )
        for row in shows
        for match in plan.people
        if (row.pk, people[match.catalogue_id].pk, match.character) not in have
    ]
    for credit in credits:
        credit.save()
    if credits:
        report.created.append(f"{len(credits)} credits")


def matched_platforms(names):
    """The platforms of these names here (matched regardless of case), created if missing."""
    found = []
    for name in names:
        platform = Platform.objects.filter(name__iexact=name).first()
        if platform is None:
            platform = Platform.objects.create(name=name, slug=free_slug(Platform, name, name))
        found.append(platform)
    return found


def free_slug(model, text, fallback):
    base = (slugify(text) or slugify(fallback) or "item")[:90]
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug

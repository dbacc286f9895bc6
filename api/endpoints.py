"""The read-only content API, /api/v1/, with django-ninja: published content only, cursor
pages, `fields=` to pick fields, `watched=` to mask what a reader's spoiler mark masks on the
site. Its OpenAPI 3.1 schema is /api/v1/schema/ and its documentation /api/v1/docs/.

Every answer is a reader page to the page cache (`pagecache.views.mark`): it names what it
shows in cache tags, is purged when they change, and is kept only for the exact query it was
built for."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI
from ninja.errors import ValidationError

from core.database_outage import DATABASE_AWAY
from pagecache import tags as cache_tags
from pagecache.views import mark
from people.cast import fact_credits, give_fact_credits
from people.models import Credit, Person
from shows.models import Episode

from . import queries, representations, schemas
from .caching import base_of, cache_for, card_tags, recap_body
from .parameters import (
    AIRED_AFTER,
    CREDITED_IN_QUERY,
    CURSOR,
    MOMENT,
    PAGE_SIZE_QUERY,
    RECAP_FIELDS,
    RECAP_FIELDS_QUERY,
    SHOW_FIELDS,
    SHOW_FIELDS_QUERY,
    SHOW_QUERY,
    SLUG_PATH,
    TAG_QUERY,
    WATCHED,
    DateText,
    MomentText,
    date_parameter,
    moment_parameter,
    next_address,
    paged,
    pick,
    picked_fields,
    size_of,
    text_parameter,
    watched_marks,
)
from .throttling import ApiThrottle, client_of


class ContentAPI(NinjaAPI):
    def create_response(self, request, data, *args, status=200, **kwargs):
        """Answers as reader pages: tagged for the page cache when the endpoint named its tags."""
        response = super().create_response(request, data, *args, status=status, **kwargs)
        cache = getattr(request, "api_cache", None)
        if cache is not None and status == 200:
            mark(response, cache["tags"], reads_cookies=False, query=cache["query"])
        return response


api = ContentAPI(
    title="Episodic content API",
    version="1",
    description=(
        "Published recaps, shows, episodes, people and tags, read-only. Lists are pages of "
        "`results` with the address of the `next` page (a cursor). `fields=` picks fields "
        "(comma-separated); `watched=` (show id:last episode watched, `_`-separated, as the "
        "site's spoiler mark) masks recaps and episode titles after the mark. Anonymous "
        "clients are rate-limited per address; an API key (`Authorization: Bearer <key>`) "
        "raises the limit."
    ),
    urls_namespace="api",
    openapi_url="/schema/",
    docs_url="/docs/",
    auth=client_of,
    throttle=[ApiThrottle()],
)


# What any endpoint may answer besides its 200: a parameter refused, an unknown API key, too
# many requests (the database's 503 comes from core.database_outage, outside the API).
ERRORS = {400: schemas.Error, 401: schemas.Error, 429: schemas.Error}

# -- recaps ---------------------------------------------------------------------------------


@api.get(
    "/recaps/",
    response={200: schemas.RecapPage, **ERRORS},
    exclude_unset=True,
    tags=["recaps"],
    summary="Published recaps, newest first",
)
def recap_list(
    request,
    show: str | None = SHOW_QUERY,
    tag: str | None = TAG_QUERY,
    updated_since: MomentText | None = MOMENT,
    aired_after: DateText | None = AIRED_AFTER,
    watched: str | None = WATCHED,
    fields: str | None = RECAP_FIELDS_QUERY,
    cursor: str | None = CURSOR,
    page_size: int | None = PAGE_SIZE_QUERY,
):
    """`show`: a show's slug; `tag`: a tag's slug; `updated_since`: recaps changed since (any
    edit); `aired_after`: recaps of episodes that air after that date."""
    show, tag = text_parameter("show", show), text_parameter("tag", tag)
    marks, names = watched_marks(watched), picked_fields(fields, RECAP_FIELDS)
    updated_since = moment_parameter("updated_since", updated_since)
    aired_after = date_parameter("aired_after", aired_after)
    recaps = queries.recaps()
    if show:
        recaps = recaps.filter(queries.episodes_of_show(show))
    if tag:
        recaps = recaps.filter(queries.tagged(tag))
    if updated_since:
        recaps = recaps.filter(updated_at__gte=updated_since)
    if aired_after:
        episodes = Episode.objects.filter(queries.aired_after(aired_after))
        recaps = recaps.filter(episode__in=episodes.values("pk"))
    scope = f"recaps:{show}:{tag}:{updated_since}:{aired_after}"
    rows, cursor = paged(
        request, recaps, ("-published_at", "-pk"), cursor, size_of(page_size), scope
    )
    base = base_of(request)
    results = []
    for recap in rows:
        if marks.hides(recap.episode.show_id, recap.episode.number):
            payload = representations.masked_recap_payload(base, recap)
        else:
            payload = representations.recap_summary(
                base, recap, queries.tag_pairs(recap), recap.comment_count, queries.hero_of(recap)
            )
        results.append(pick(payload, names))
    # Any list can change with any publication: the RECAPS tag; each recap for its edits.
    cache_for(request, {cache_tags.RECAPS, *card_tags(rows)}, found=bool(rows) or not (show or tag))
    return {"results": results, "next": next_address(request, cursor)}


@api.get(
    "/recaps/{slug}/",
    response={200: schemas.Recap, **ERRORS, 404: schemas.Error},
    exclude_unset=True,
    tags=["recaps"],
    summary="One published recap, whole",
)
def recap_detail(
    request,
    slug: str = SLUG_PATH,
    watched: str | None = WATCHED,
    fields: str | None = RECAP_FIELDS_QUERY,
):
    marks, names = watched_marks(watched), picked_fields(fields, RECAP_FIELDS)
    body = recap_body(request, text_parameter("slug", slug))
    if body is None:
        raise Http404
    hidden = marks.hides(body["show_id"], body["number"])
    payload = body["masked"] if hidden else body["payload"]
    # Its own tags only: a recap's answer shows no other recap, so another's publication
    # leaves it kept (the recap page, with its neighbours and Also Read, also names RECAPS).
    cache_for(request, set(body["cache_tags"]))
    return pick(payload, names)


# -- shows, episodes, people, tags ----------------------------------------------------------


@api.get(
    "/shows/",
    response={200: schemas.ShowPage, **ERRORS},
    exclude_unset=True,
    tags=["shows"],
    summary="Shows, A–Z, with schedule, platforms and facts",
)
def show_list(
    request,
    updated_since: MomentText | None = MOMENT,
    fields: str | None = SHOW_FIELDS_QUERY,
    cursor: str | None = CURSOR,
    page_size: int | None = PAGE_SIZE_QUERY,
):
    names = picked_fields(fields, SHOW_FIELDS)
    updated_since = moment_parameter("updated_since", updated_since)
    shows = queries.shows()
    if updated_since:
        shows = shows.filter(updated_at__gte=updated_since)
    rows, cursor = paged(
        request,
        shows,
        ("title", "pk"),
        cursor,
        size_of(page_size),
        f"shows:{updated_since}",
    )
    give_fact_credits(rows)
    base = base_of(request)
    results = [
        pick(representations.show_payload(base, show, show.fact_credits), names) for show in rows
    ]
    cache_for(request, {cache_tags.SHOWS, *(cache_tags.show(s.pk) for s in rows)})
    return {"results": results, "next": next_address(request, cursor)}


@api.get(
    "/shows/{slug}/",
    response={200: schemas.Show, **ERRORS, 404: schemas.Error},
    exclude_unset=True,
    tags=["shows"],
    summary="A show with its cast and episode guide",
)
def show_detail(
    request,
    slug: str = SLUG_PATH,
    watched: str | None = WATCHED,
    fields: str | None = SHOW_FIELDS_QUERY,
):
    marks, names = watched_marks(watched), picked_fields(fields, SHOW_FIELDS)
    show = get_object_or_404(queries.shows(), slug=text_parameter("slug", slug))
    base = base_of(request)
    credits = list(Credit.objects.filter(show=show).select_related("person"))
    payload = representations.show_payload(base, show, fact_credits(show))
    payload["cast"] = [representations.credit_payload(base, credit) for credit in credits]
    episodes = Episode.objects.filter(show=show).order_by("number")
    payload["episodes"] = []
    for episode in episodes:
        episode.show = show
        hidden = marks.hides(show.pk, episode.number)
        payload["episodes"].append(representations.episode_payload(base, episode, hidden))
    cache_for(
        request, {cache_tags.show(show.pk), *(cache_tags.person(c.person_id) for c in credits)}
    )
    return pick(payload, names)


@api.get(
    "/episodes/",
    response={200: schemas.EpisodePage, **ERRORS},
    exclude_unset=True,
    tags=["shows"],
    summary="Episodes with their air times in UTC and in the show's zone",
)
def episode_list(
    request,
    show: str | None = SHOW_QUERY,
    aired_after: DateText | None = AIRED_AFTER,
    watched: str | None = WATCHED,
    cursor: str | None = CURSOR,
    page_size: int | None = PAGE_SIZE_QUERY,
):
    show = text_parameter("show", show)
    marks = watched_marks(watched)
    aired_after = date_parameter("aired_after", aired_after)
    episodes = Episode.objects.select_related("show")
    if show:
        episodes = episodes.filter(show__slug=show)
    if aired_after:
        episodes = episodes.filter(queries.aired_after(aired_after))
    rows, cursor = paged(
        request,
        episodes,
        ("pk",),
        cursor,
        size_of(page_size),
        f"episodes:{show}:{aired_after}",
    )
    base = base_of(request)
    results = [
        representations.episode_payload(base, episode, marks.hides(episode.show_id, episode.number))
        for episode in rows
    ]
    cache_for(
        request,
        {cache_tags.SHOWS, *(cache_tags.show(e.show_id) for e in rows)},
        found=bool(rows) or not show,
    )
    return {"results": results, "next": next_address(request, cursor)}


@api.get(
    "/people/",
    response={200: schemas.PersonPage, **ERRORS},
    exclude_unset=True,
    tags=["people"],
    summary="People, A–Z",
)
def person_list(
    request,
    show: str | None = CREDITED_IN_QUERY,
    cursor: str | None = CURSOR,
    page_size: int | None = PAGE_SIZE_QUERY,
):
    show = text_parameter("show", show)
    people = Person.objects.all()
    if show:
        people = people.filter(credits__show__slug=show).distinct()
    rows, cursor = paged(request, people, ("name", "pk"), cursor, size_of(page_size), f"p:{show}")
    base = base_of(request)
    results = [representations.person_payload(base, person) for person in rows]
    cache_for(
        request,
        {cache_tags.SHOWS, *(cache_tags.person(p.pk) for p in rows)},
        found=bool(rows) or not show,
    )
    return {"results": results, "next": next_address(request, cursor)}


@api.get(
    "/people/{slug}/",
    response={200: schemas.Person, **ERRORS, 404: schemas.Error},
    exclude_unset=True,
    tags=["people"],
    summary="A person with their credits",
)
def person_detail(request, slug: str = SLUG_PATH):
    person = get_object_or_404(Person, slug=text_parameter("slug", slug))
    credits = list(
        Credit.objects.filter(person=person)
        .select_related("show")
        .order_by("-show__premiere_date", "show__title", "pk")
    )
    payload = representations.person_payload(base_of(request), person, credits)
    cache_for(
        request, {cache_tags.person(person.pk), *(cache_tags.show(c.show_id) for c in credits)}
    )
    return payload


@api.get(
    "/tags/",
    response={200: schemas.TagPage, **ERRORS},
    tags=["recaps"],
    summary="Tags that published recaps carry, by slug",
)
def tag_list(
    request,
    cursor: str | None = CURSOR,
    page_size: int | None = PAGE_SIZE_QUERY,
):
    rows, cursor = paged(request, queries.tags(), ("slug", "pk"), cursor, size_of(page_size), "t")
    base = base_of(request)
    results = [representations.tag_payload(base, tag.slug, tag.name) for tag in rows]
    cache_for(request, {cache_tags.RECAPS})
    return {"results": results, "next": next_address(request, cursor)}


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc):
    """A parameter of the wrong type or out of its range: a 400 saying which, as ours are."""
    reasons = [
        f"{'.'.join(str(part) for part in error.get('loc', ())[1:]) or 'request'}: "
        f"{error.get('msg', 'is not valid')}"
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": "; ".join(reasons)}, status=400)


def database_away(request, exc):
    """Out to the page cache (a stale copy) and the outage middleware (its 503, as JSON here),
    even in development, where django-ninja would make a 500 of it."""
    raise exc


for error in DATABASE_AWAY:
    api.add_exception_handler(error, database_away)

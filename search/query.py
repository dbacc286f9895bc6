"""What a reader's search finds: published recaps, shows and people, built as querysets.

PostgreSQL gets full-text search (weighted vectors, ranking, highlighted excerpts); other
databases get a plain `icontains` fallback that needs no extension. Either way every function
here runs a fixed number of queries, and every excerpt is escaped HTML whose only markup is
the `<mark>` elements added here.
"""

import html
import re
import unicodedata

from django.db import connection
from django.db.models import (
    Exists,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce, Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from core.richtext import text_without_spoilers
from people.models import Credit, Person
from recaps.models import Recap
from shows.models import Show

from .documents import SEARCH_CONFIG, plain
from .models import RecapDocument

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
EXCERPT_CHARS = 240
# Private-use characters mark where PostgreSQL's ts_headline highlights; they are removed from
# the reader's query and never produced by the rich-text sanitiser, so they cannot be forged.
START_SEL = "\ue000"
STOP_SEL = "\ue001"
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ue000\ue001]")
_SPACES = re.compile(r"\s+")


class QueryTooLong(ValueError):
    pass


def normalise(raw):
    """The reader's query as searchable text: NFC, no control characters or NUL bytes (which
    PostgreSQL refuses in strings), single spaces. Raises QueryTooLong past MAX_QUERY_LENGTH."""
    text = unicodedata.normalize("NFC", raw or "")
    text = _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryTooLong(f"Search terms can be at most {MAX_QUERY_LENGTH} characters long.")
    return text


def terms(query):
    """Distinct words of the query, at most MAX_TERMS, for the substring fallback."""
    seen = []
    for word in query.split(" "):
        if word and word.casefold() not in (w.casefold() for w in seen):
            seen.append(word)
    return seen[:MAX_TERMS]


def use_full_text():
    return connection.vendor == "postgresql"


# Matching shows and people: substring matches on names, titles and character names.


def _name_q(query, *fields):
    return Q.create([(f"{field}__icontains", query) for field in fields], connector=Q.OR)


def _show_matches(query):
    character = Credit.objects.filter(show=OuterRef("pk"), character_name__icontains=query)
    return _name_q(query, "title", "native_title", "other_titles") | Q(Exists(character))


def _person_matches(query):
    character = Credit.objects.filter(person=OuterRef("pk"), character_name__icontains=query)
    return _name_q(query, "name", "native_name") | Q(Exists(character))


def shows(query, limit):
    """Up to `limit` + 1 shows (the extra one tells the page there are more): one query."""
    return list(Show.objects.filter(_show_matches(query)).order_by("title")[: limit + 1])


def people(query, limit):
    """Up to `limit` + 1 people, each with `matching_credits` (the characters that matched and
    their shows): two queries."""
    matching_credits = Credit.objects.filter(character_name__icontains=query).select_related("show")
    return list(
        Person.objects.filter(_person_matches(query))
        .order_by("name")
        .prefetch_related(Prefetch("credits", matching_credits, to_attr="matching_credits"))[
            : limit + 1
        ]
    )


# Recaps.


def _recap_show_matches(query):
    """A recap is found when its show is: by title, native or other title, or a character."""
    character = Credit.objects.filter(
        show=OuterRef("episode__show"), character_name__icontains=query
    )
    return _name_q(
        query,
        "episode__show__title",
        "episode__show__native_title",
        "episode__show__other_titles",
    ) | Q(Exists(character))


def _full_text(query):
    from django.contrib.postgres.search import SearchQuery, SearchRank

    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    # Two index-friendly sets instead of one OR over every row: recaps whose stored document
    # matches (GIN index), and recaps of shows matched by title or character.
    matching_documents = RecapDocument.objects.filter(document=search_query).values("recap_id")
    matching_shows = Show.objects.filter(_show_matches(query)).values("pk")
    return (
        Recap.objects.published()
        .filter(Q(pk__in=matching_documents) | Q(episode__show__in=matching_shows))
        .annotate(
            rank=Coalesce(
                SearchRank(F("search_document__document"), search_query),
                Value(0.0),
                output_field=FloatField(),
            )
        )
        .order_by("-rank", "-published_at", "-pk")
    )


def _fallback(query):
    """Without PostgreSQL: substring matches on the stored HTML. Unlike the full-text index,
    this also matches words inside spoiler paragraphs; the excerpts still never show them."""
    fields = (
        "subtitle",
        "verdict",
        "meta_description",
        "intro",
        "body",
        "bonus_track",
        "review",
    )
    condition = Q()
    for word in terms(query):
        # Rich text is stored escaped ("R&amp;B"), so look for the escaped spelling too.
        spellings = {word, escape(word)}
        condition &= Q.create(
            [(f"{field}__icontains", spelling) for field in fields for spelling in spellings],
            connector=Q.OR,
        )
    return (
        Recap.objects.published()
        .filter(condition | _recap_show_matches(query))
        .annotate(rank=Value(0.0, output_field=FloatField()))
        .order_by("-published_at", "-pk")
    )


def recaps(query):
    """Published recaps that match, best first, with the show and author joined in. Full-text
    results leave the long sections in the database: their excerpts come from ts_headline."""
    if use_full_text():
        return _full_text(query).for_lists().with_article_relations()
    return _fallback(query).with_article_relations()


# Excerpts.


def _plain_text(*fragments):
    """Readable text of rich-text fields, without their spoilers."""
    return " ".join(text_without_spoilers(fragment) for fragment in fragments)


def _marked(text):
    """Escape `text`, then turn the START_SEL/STOP_SEL sentinels into <mark> elements."""
    escaped = escape(text)
    return mark_safe(escaped.replace(START_SEL, "<mark>").replace(STOP_SEL, "</mark>"))


def highlight(text, words):
    """Wrap every case-insensitive occurrence of `words` in `text` with sentinels."""
    words = [word for word in words if word]
    if not words:
        return text
    pattern = re.compile(
        "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)), re.IGNORECASE
    )
    return pattern.sub(lambda match: f"{START_SEL}{match.group(0)}{STOP_SEL}", text)


def _summary(recap):
    text = recap.meta_description or _plain_text(recap.intro, recap.body)
    return Truncator(_SPACES.sub(" ", text).strip()).chars(EXCERPT_CHARS)


def fallback_excerpt(recap, query):
    """Around the first match in the recap's text, else its summary; escaped, with <mark>."""
    words = terms(query)
    text = _SPACES.sub(
        " ", _plain_text(recap.intro, recap.body, recap.bonus_track, recap.review)
    ).strip()
    folded = text.casefold()
    positions = [folded.find(word.casefold()) for word in words]
    positions = [position for position in positions if position >= 0]
    if not positions:
        return _marked(highlight(_summary(recap), words))
    start = max(0, min(positions) - EXCERPT_CHARS // 3)
    window = text[start : start + EXCERPT_CHARS]
    if start > 0:
        window = "…" + window.split(" ", 1)[-1]
    if start + EXCERPT_CHARS < len(text):
        window = window.rsplit(" ", 1)[0] + "…"
    return _marked(highlight(window, words))


def full_text_excerpts(recap_ids, query):
    """{recap id: excerpt} from ts_headline for one page of results: one query."""
    from django.contrib.postgres.search import SearchHeadline, SearchQuery

    document = Concat(
        plain("intro"),
        Value(" "),
        plain("body"),
        Value(" "),
        plain("bonus_track"),
        Value(" "),
        plain("review"),
        output_field=TextField(),
    )
    rows = (
        Recap.objects.filter(pk__in=recap_ids)
        .annotate(
            excerpt=SearchHeadline(
                document,
                SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG),
                config=SEARCH_CONFIG,
                start_sel=START_SEL,
                stop_sel=STOP_SEL,
                max_words=40,
                min_words=20,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
        .values_list("pk", "excerpt")
    )
    return {pk: html.unescape(_SPACES.sub(" ", excerpt or "").strip()) for pk, excerpt in rows}


def attach_excerpts(page_recaps, query):
    """Set `search_excerpt` (safe HTML) on each recap of one page of results."""
    headlines = (
        full_text_excerpts([recap.pk for recap in page_recaps], query) if use_full_text() else {}
    )
    for recap in page_recaps:
        headline = headlines.get(recap.pk, "")
        if START_SEL in headline:
            recap.search_excerpt = _marked(headline)
        elif use_full_text():
            # Found by its show or a character: the summary, without the deferred sections.
            recap.search_excerpt = _marked(highlight(recap.excerpt, terms(query)))
        else:
            recap.search_excerpt = fallback_excerpt(recap, query)
    return page_recaps

"""What a reader's search finds: published recaps, shows and people.

PostgreSQL gets full-text search over its stored documents (GIN index, ts_rank, ts_headline);
SQLite gets the same from its FTS5 index (bm25, snippet); a SQLite without FTS5 gets a plain
`icontains` fallback. Either way every function here runs a fixed number of queries, the cost
of a search does not grow with the archive (only the newest MAX_RESULTS matches are ranked;
the fallback excepted), and every excerpt is escaped HTML whose only markup is the `<mark>`
elements added here.
"""

import html
import re
import unicodedata

from django.db import connection
from django.db.models import (
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    TextField,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from core.richtext import text_without_spoiler_passages
from people.models import Credit, Person
from recaps.models import Recap
from shows.models import Episode, Show

from . import fts, names
from .documents import SEARCH_CONFIG, plain
from .models import RecapDocument, RecapText

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
#: Recaps a search lists at most (10 pages), and about the most it ranks.
MAX_RESULTS = 200
#: Shows whose recaps a search lists when their title or a character matches.
MATCHED_SHOWS = 50
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
    """Distinct words of the query, at most MAX_TERMS (FTS5 and the substring fallback)."""
    seen = []
    for word in query.split(" "):
        if word and word.casefold() not in (w.casefold() for w in seen):
            seen.append(word)
    return seen[:MAX_TERMS]


def use_full_text():
    return connection.vendor == "postgresql"


# Matching shows and people: substring matches on names, titles and character names (from
# SQLite's trigram index when there is one, search.names).


def _name_q(query, *fields):
    return Q.create([(f"{field}__icontains", query) for field in fields], connector=Q.OR)


def _characters(query):
    """Credits whose character's name holds `query`: on PostgreSQL one read of a trigram
    index (search 0004), where a correlated EXISTS checked the credits of every show."""
    return Credit.objects.filter(character_name__icontains=query)


def _show_matches(query):
    if names.usable(query):
        return Q(pk__in=names.matching(query).filter(show_id__isnull=False).values("show_id"))
    by_name = Show.objects.filter(_name_q(query, "title", "native_title", "other_titles"))
    return _either(by_name, _characters(query).values("show_id"))


def _person_matches(query):
    if names.usable(query):
        return Q(pk__in=names.matching(query).filter(person_id__isnull=False).values("person_id"))
    by_name = Person.objects.filter(_name_q(query, "name", "native_name"))
    return _either(by_name, _characters(query).values("person_id"))


def _either(by_name, by_character):
    """Rows matched by name or by a character's name, as a union of ids: each side then reads
    its own trigram index, where one OR-ed condition had PostgreSQL scan every credit."""
    return Q(pk__in=by_name.values("pk").union(by_character))


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


def _latest(queryset):
    """The ids of `queryset`'s MAX_RESULTS + 1 rows written last, as a subquery: what a search
    ranks, so ranking never sees more rows however large the archive."""
    return queryset.order_by("-pk").values("pk")[: MAX_RESULTS + 1]


def _score(expression):
    return ExpressionWrapper(expression, output_field=FloatField())


def _postgres_hits(query):
    """(recap id, published at, rank) of the latest recaps whose stored document matches:
    the ids from the GIN index (or the primary key read backwards, for a word in most
    recaps), then each document read once, by its key, for ts_rank."""
    from django.contrib.postgres.search import SearchQuery, SearchRank

    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    matching = RecapDocument.objects.filter(document=search_query)
    rank = (
        RecapDocument.objects.filter(pk=OuterRef("pk"))
        .annotate(rank=SearchRank(F("document"), search_query))
        .values("rank")
    )
    return (
        Recap.objects.published()
        .filter(pk__in=_latest(matching))
        .order_by()
        .values_list("pk", "published_at", _score(Subquery(rank)))
    )


def _fts_hits(query):
    """(recap id, published at, -bm25) of the latest recaps whose FTS5 row has every word.

    The cut to the latest is a lower bound on the rowid, which FTS5 applies while it reads
    its doclist (an IN list would run the match again for each row)."""
    matching = RecapText.objects.filter(document__match=fts.match_expression(terms(query)))
    edge = matching.order_by("-pk").values("pk")[MAX_RESULTS : MAX_RESULTS + 1]
    return (
        matching.filter(pk__gte=Coalesce(Subquery(edge), Value(0)))
        .filter(Exists(Recap.objects.published().filter(pk=OuterRef("pk"))))
        .order_by()
        .values_list("pk", "recap__published_at", _score(-F("rank")))
    )


def _show_hits(query):
    """(recap id, published at, 0) of the latest recaps of the shows matched by title or
    character (at most MATCHED_SHOWS of them)."""
    shows = Show.objects.filter(_show_matches(query)).order_by("-pk").values("pk")
    # Through the episodes' ids, so the database reads recaps by their episode index
    # instead of walking every published recap to check its show.
    episodes = Episode.objects.filter(show__in=shows[:MATCHED_SHOWS]).values("pk")
    recaps = Recap.objects.published().filter(episode__in=episodes)
    return (
        Recap.objects.filter(pk__in=_latest(recaps))
        .order_by()
        .values_list("pk", "published_at", _score(Value(0.0)))
    )


def _fallback(query):
    """Without PostgreSQL or FTS5: substring matches on the stored HTML, newest first. Unlike
    the full-text indexes, this also matches words inside spoiler passages; the excerpts
    still never show them. Its cost grows with the archive: the last resort."""
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
        .order_by("-published_at", "-pk")
    )


def recap_hits(query):
    """Ids of the published recaps that match, best first (rank, then newest), at most
    MAX_RESULTS of them, and whether more matched: one query.

    Only the MAX_RESULTS + 1 recaps written last whose words match, and as many of those
    whose show matches, are ranked: a word found in every recap costs what it costs in a small
    archive.
    """
    if use_full_text():
        words = _postgres_hits(query)
    elif fts.available():
        words = _fts_hits(query)
    else:
        ids = list(_fallback(query).values_list("pk", flat=True)[: MAX_RESULTS + 1])
        return ids[:MAX_RESULTS], len(ids) > MAX_RESULTS
    best = {}
    for pk, published_at, score in words.union(_show_hits(query), all=True):
        score = score or 0.0
        if pk not in best or score > best[pk][0]:
            best[pk] = (score, published_at, pk)
    ranked = [pk for _, _, pk in sorted(best.values(), reverse=True)]
    return ranked[:MAX_RESULTS], len(ranked) > MAX_RESULTS


# Excerpts.


def _plain_text(*fragments):
    """Readable text of rich-text fields, without their spoiler passages."""
    return " ".join(text_without_spoiler_passages(fragment) for fragment in fragments)


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


def _headline(query):
    """PostgreSQL's ts_headline of a recap's sections, with sentinels around the matches."""
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
    return SearchHeadline(
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


def _snippet(column, query):
    """FTS5's snippet of one column of the recap's row, with sentinels around the matches."""
    return RawSQL(
        f"(SELECT snippet({fts.TABLE}, %s, %s, %s, %s, 40) FROM {fts.TABLE} "
        f"WHERE {fts.TABLE} MATCH %s AND rowid = {Recap._meta.db_table}.id)",
        (column, START_SEL, STOP_SEL, "…", fts.match_expression(terms(query))),
        output_field=TextField(),
    )


def recap_page(ids, query):
    """The published recaps `ids` (one page of hits) in that order, with show, episode and
    author, each with `search_excerpt` (safe HTML): one query, excerpts included."""
    # No ORDER BY: the page comes in the order of `ids`, and ordering by publication would have
    # SQLite walk every published recap by that index instead of reading these by key.
    recaps = Recap.objects.published().filter(pk__in=ids).with_article_relations().order_by()
    if use_full_text():
        recaps = recaps.for_lists().annotate(search_headline=_headline(query))
    elif fts.available():
        recaps = recaps.for_lists().annotate(
            search_intro_headline=_snippet(fts.INTRO_COLUMN, query),
            search_headline=_snippet(fts.SECTIONS_COLUMN, query),
        )
    found = {recap.pk: recap for recap in recaps}
    page = [found[pk] for pk in ids if pk in found]
    for recap in page:
        recap.search_excerpt = _excerpt(recap, query)
    return page


def _excerpt(recap, query):
    """The first headline that marks a match, else the summary with the words marked."""
    if not hasattr(recap, "search_headline"):
        return fallback_excerpt(recap, query)
    for headline in (getattr(recap, "search_intro_headline", None), recap.search_headline):
        # ts_headline keeps the entities of the stored HTML; FTS5 indexes unescaped text.
        headline = _SPACES.sub(" ", headline or "").strip()
        if use_full_text():
            headline = html.unescape(headline)
        if START_SEL in headline:
            return _marked(headline)
    # Found by its show or a character: the summary, without the deferred sections.
    return _marked(highlight(recap.excerpt, terms(query)))

"""Recap cards on list pages (home, tag, person), rendered once.

A card is the same for every reader; only whether a reader's spoiler mark hides it differs. So
a list page keeps its cards as HTML, both as written and as masked, until one of the recaps,
its comment count or its show changes: a request for a kept page reads no card from the
database and renders no card template, and each reader's page picks per card which of the two
to show."""

from django.template.loader import get_template

from pagecache.fragments import cached_fragment
from pagecache.views import card_tags

CARDS_FRAGMENT = "recap-cards"


def render_cards(recaps, heading_tag="h2", eager_first=True):
    """Each recap's card as {"pk", "slug", "show_id", "number", "html", "masked", "tags"}. The
    first card's image loads at once when `eager_first` (it leads the page); the others lazily."""
    card, masked = (
        get_template("includes/recap_card.html"),
        get_template("spoilers/masked_card.html"),
    )
    rendered = []
    for position, recap in enumerate(recaps):
        context = {
            "recap": recap,
            "heading_tag": heading_tag,
            "lazy": position > 0 or not eager_first,
        }
        rendered.append(
            {
                "pk": recap.pk,
                "slug": recap.slug,
                "show_id": recap.episode.show_id,
                "number": recap.episode.number,
                "html": card.render(context),
                "masked": masked.render(context),
                "tags": sorted(card_tags([recap])),
            }
        )
    return rendered


def kept_cards(read_recaps, list_key, count_tags, **rendering):
    """The cards of one list page, kept (see `render_cards`). `read_recaps()` reads the page's
    recaps when the cards are not kept; `list_key` names the page (view, path, page number);
    `count_tags` are what the list as a whole depends on (a publication, the tag, the person),
    so a new recap on the page rebuilds it."""
    return cached_fragment(
        CARDS_FRAGMENT,
        count_tags,
        build=lambda: render_cards(read_recaps(), **rendering),
        key_parts=list_key,
        tags_of=lambda cards: [name for card in cards for name in card["tags"]],
    )


def tags_of_cards(cards):
    return {name for card in cards for name in card["tags"]}

"""The articles' models, one idea a module: the visibility rule and workflow states
(`publication`), the recap and its queryset (`recap`), its stills, its tag links, the record of
its workflow moves (`transitions`) and its old addresses (`redirects`). Everything is imported
from `recaps.models`."""

import reversion
from taggit.models import TaggedItem

from .publication import is_visible, published_condition, state_of
from .recap import Recap, RecapQuerySet, text_modified
from .redirects import RecapSlugRedirect
from .stills import Still
from .tags import TaggedRecap
from .transitions import RecapTransition

__all__ = [
    "Recap",
    "RecapQuerySet",
    "RecapSlugRedirect",
    "RecapTransition",
    "Still",
    "TaggedRecap",
    "is_visible",
    "published_condition",
    "state_of",
    "text_modified",
]

# Every save of a recap through the admin (or a workflow move) is a revision holding the recap,
# its stills and its tag links, so a revert restores all three (never the share key).
reversion.register(TaggedRecap)
reversion.register(Still)
reversion.register(Recap, follow=["stills", "tagged_items"], exclude=["share_key"])
# Revisions saved before TaggedRecap hold the tag links as taggit's generic TaggedItem rows;
# reversion must still load them (recaps.legacy_tags reads and reverts them).
reversion.register(TaggedItem)

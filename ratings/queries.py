"""The readers' average and count, annotated onto the querysets reader pages already run."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import ClassVar

from django.db.models import Avg, Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .models import EpisodeVote
from .scores import SCALE


def with_reader_rating(queryset, episode="pk"):
    """Annotate `reader_rating_average` (None without votes) and `reader_rating_count` on each
    row. `episode` names the row's episode key: "pk" for episodes, "episode" for recaps.

    Two correlated subqueries read the (episode, score) index, so a page that shows ratings
    runs no query more than it did without them."""
    votes = EpisodeVote.objects.filter(episode=OuterRef(episode)).order_by().values("episode")
    return queryset.annotate(
        reader_rating_count=Coalesce(Subquery(votes.annotate(n=Count("pk")).values("n")), 0),
        reader_rating_average=Subquery(votes.annotate(average=Avg("score")).values("average")),
    )


@dataclass(frozen=True)
class ReaderRating:
    average: float | None
    count: int
    # The score this browser gave, from its `rated` cookie; None if it has not rated.
    yours: int | None = None
    # The scores a reader chooses from, as text: the recap page prints them, and a number
    # would be localised one by one on the most-read page.
    scale: ClassVar[tuple[str, ...]] = tuple(str(score) for score in SCALE)

    @property
    def summary(self):
        """ "7.8 from 12 readers", or "No reader ratings yet"."""
        if not self.count:
            return "No reader ratings yet"
        # Half up, as readers round: an average of 7.25 shows as 7.3.
        average = Decimal(str(self.average)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return f"{average} from {self.count} reader{'' if self.count == 1 else 's'}"


def rating_of(row, yours=None):
    """The ReaderRating of a row annotated by `with_reader_rating`."""
    return ReaderRating(row.reader_rating_average, row.reader_rating_count, yours)

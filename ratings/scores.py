"""What a reader's score may be, as posted by the recap page's form."""

import re

from .models import HIGHEST_SCORE, LOWEST_SCORE

SCALE = range(LOWEST_SCORE, HIGHEST_SCORE + 1)

# ASCII digits only: int() would also take " 7", "+7", "07" and "٧", which no form of ours sends.
_SCORE = re.compile(r"[1-9]|10", re.ASCII)


def parse_score(raw):
    """The score as an int, or None for anything but the ten plain numbers 1 to 10."""
    if not isinstance(raw, str) or _SCORE.fullmatch(raw) is None:
        return None
    return int(raw)

"""`manage.py bench`'s own checks of what it is asked to measure. (The bench itself is never run
by the tests: figures belong in a benchmark, not a timed test.)"""

import pytest

from bench.management.commands.bench import Command


def test_unknown_modes_are_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="varnish"):
        Command.choose("uncached,varnish", ("uncached",), "mode")

"""Episodic settings. Every value that differs between machines comes from the environment,
read once, in the module of its idea; the defaults are for development and refuse to run in
production unsafely."""

from .base import *  # noqa: F403
from .caching import *  # noqa: F403
from .features import *  # noqa: F403
from .security import *  # noqa: F403

from tests.discussion.conftest import _clear_cache, post, recap  # noqa: F401  (shared fixtures)

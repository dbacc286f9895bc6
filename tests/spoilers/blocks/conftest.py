from tests.discussion.conftest import post, recap  # noqa: F401  (shared fixtures)

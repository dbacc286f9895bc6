from tests.discussion.conftest import known_commenter, post, recap  # noqa: F401  (shared fixtures)

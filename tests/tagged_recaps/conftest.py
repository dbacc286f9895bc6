# The editorial fixtures: one user per role, Soundtrack #2's episodes, a media folder per test.
from tests.workflow.conftest import episodes, media_root, users  # noqa: F401

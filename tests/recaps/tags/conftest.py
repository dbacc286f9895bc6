# The editorial fixtures: one user per role, Soundtrack #2's episodes, a media folder per test.
from tests.recaps.workflow.conftest import episodes, users  # noqa: F401

from tests.reader.conftest import series  # noqa: F401 - the reader tests' Soundtrack #2 data
from tests.resilience.demo_site import demo_env, demo_postgres, demo_sqlite  # noqa: F401

from tests.reader.conftest import series  # noqa: F401 - the reader tests' Soundtrack #2 data

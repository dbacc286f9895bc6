from tests.resilience.demo_site import demo_env, demo_postgres, demo_sqlite  # noqa: F401

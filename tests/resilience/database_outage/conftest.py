"""The database outage tests' site: PostgreSQL is a cluster of the tests' own
(`postgres_cluster`), loaded with the demo once per session and copied for each test; these
fixtures stand in for tests/resilience/demo_site.py's within this folder."""

import pytest

from tests.resilience.database_outage.helpers import EDITOR_PASSWORD
from tests.servers import manage, site_environment


@pytest.fixture(scope="session")
def demo_postgres(own_postgres, migrated_postgres, tmp_path_factory):
    """A migrated database in the tests' cluster holding the demo publication (and an editor),
    to copy; its name and media folder."""
    directory = tmp_path_factory.mktemp("demo-postgres")
    url = own_postgres.create_database("demo", template=migrated_postgres)
    env = site_environment(directory, DATABASE_URL=url)
    manage(env, "load_demo", "--force", "-v", "0")
    manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth.models import User; "
        f"User.objects.create_superuser('chief', 'chief@example.com', {EDITOR_PASSWORD!r}); "
        "from discussion.models import CommentSettings as S; S.objects.update_or_create("
        "pk=S.SINGLETON_PK, defaults={'min_seconds': 0, 'rate_per_minute': 100, "
        "'close_after_days': 0}); "
        "from sitesettings.models import SiteSettings; SiteSettings.objects.get_or_create(pk=1)",
    )
    return "demo", directory / "media"


@pytest.fixture
def demo_env(postgres_cluster, demo_postgres, site_env):
    name, media = demo_postgres
    if not postgres_cluster.running:
        postgres_cluster.start()
    url = postgres_cluster.create_database(template=name)
    return {
        **site_env,
        "DATABASE_URL": url,
        "EPISODIC_MEDIA_ROOT": str(media),
        # A hung database costs a request two seconds, not the default (forever).
        "DJANGO_DB_CONNECT_TIMEOUT": "2",
        # Pages outlive their freshness within the test.
        "EPISODIC_PAGE_CACHE_SECONDS": "2",
        "EPISODIC_PAGE_CACHE_LOCAL_SECONDS": "2",
    }

from django.core.management.base import BaseCommand
from django.db import connection

from recaps.models import Recap
from search import fts, names
from search.documents import refresh
from search.models import RecapDocument


class Command(BaseCommand):
    help = (
        "Rebuild every recap's full-text search document (PostgreSQL's documents, or SQLite's "
        "FTS5 index; a no-op elsewhere)."
    )

    def handle(self, *args, **options):
        if names.available():
            names.rebuild()
        if fts.available():
            fts.rebuild()
        else:
            refresh(Recap.objects.all())
        if connection.vendor == "postgresql":
            # A bulk rewrite leaves the GIN index's pending list full and the statistics stale,
            # and the planner then scans every document instead of reading the index.
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM ANALYZE {RecapDocument._meta.db_table}")
        self.stdout.write(f"Search documents refreshed for {Recap.objects.count()} recaps.")

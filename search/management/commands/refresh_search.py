from django.core.management.base import BaseCommand

from recaps.models import Recap
from search.documents import refresh


class Command(BaseCommand):
    help = "Rebuild every recap's full-text search document (PostgreSQL; a no-op elsewhere)."

    def handle(self, *args, **options):
        refresh(Recap.objects.all())
        self.stdout.write(f"Search documents refreshed for {Recap.objects.count()} recaps.")

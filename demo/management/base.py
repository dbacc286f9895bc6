"""The base of every command that writes demo content into the database."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class DemoCommand(BaseCommand):
    """Runs `load()` only in development (DJANGO_DEBUG=1) or with --force: demo rows would
    overwrite or sit among a real publication's."""

    refusal = "Demo content is for development: run with DJANGO_DEBUG=1."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="run even though DJANGO_DEBUG is off"
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(self.refusal)
        self.load(**options)

    def load(self, **options):
        raise NotImplementedError

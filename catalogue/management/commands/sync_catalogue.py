import time

from django.core.management.base import BaseCommand, CommandError

from catalogue import client, sync, tasks
from catalogue.providers import provider as get_provider
from catalogue.providers.base import CatalogueError


class Command(BaseCommand):
    help = (
        "Runs one catalogue sync now (what the task worker runs every CATALOGUE_SYNC_SECONDS) "
        "and makes sure the worker's next run is queued."
    )

    def handle(self, *args, **options):
        provider = get_provider()
        started, before = time.monotonic(), client.calls["api"]
        try:
            report = sync.run(provider)
        except CatalogueError as error:
            raise CommandError(f"{error} Nothing was synced.") from error
        if report is None:
            raise CommandError("Another catalogue sync is running; try again when it ends.")
        for line in report.lines() or ["Nothing changed."]:
            self.stdout.write(line)
        self.stdout.write(
            f"{client.calls['api'] - before} calls to {provider.name}, "
            f"{time.monotonic() - started:.2f} s."
        )
        tasks.keep_syncing()

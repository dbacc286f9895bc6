import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue import adding, client, tasks
from catalogue.providers import provider as get_provider
from catalogue.providers.base import CatalogueError


class Command(BaseCommand):
    help = (
        "Adds a show from TVmaze (or brings it up to date): a show per chosen season, its "
        "episodes, people and credits. People here of the same name are reused only with --same."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--tvmaze", metavar="ID", help="TVmaze's id of the show.")
        which.add_argument("--title", help="A title; taken only when one show matches it exactly.")
        parser.add_argument(
            "--season", type=int, action="append", dest="seasons", help="Repeat; all by default."
        )
        parser.add_argument("--leads", type=int, default=None, help="How many first billed lead.")
        parser.add_argument(
            "--same", action="store_true", help="Reuse people here of the same exact name."
        )

    def handle(self, *args, **options):
        provider = get_provider()
        started, calls_before = time.monotonic(), dict(client.calls)
        with CaptureQueriesContext(connection) as queries:
            try:
                show_id = options["tvmaze"] or self.unambiguous(provider, options["title"])
                plan = adding.plan(provider, provider.show(show_id))
                seasons = options["seasons"] or [season.number for season in plan.seasons]
                missing = set(seasons) - {season.number for season in plan.seasons}
                if missing:
                    raise CommandError(f"{provider.name} has no season {min(missing)} of it.")
                confirmed = {m.catalogue_id for m in plan.to_confirm} if options["same"] else ()
                leads = settings.CATALOGUE_LEADS if options["leads"] is None else options["leads"]
                shows, report = adding.add(plan, seasons, confirmed=confirmed, leads=leads)
            except CatalogueError as error:
                raise CommandError(f"{error} Nothing was added.") from error
        tasks.keep_syncing()
        for line in report.lines() or ["Nothing changed: the show is already up to date."]:
            self.stdout.write(line)
        for match in plan.to_confirm:
            if not options["same"]:
                self.stdout.write(
                    f"{match.name} is also the name of person #{match.by_name.pk} here; a new "
                    "person was created (--same reuses them)."
                )
        api, image = (client.calls[k] - calls_before.get(k, 0) for k in ("api", "image"))
        self.stdout.write(
            f"{len(queries)} SQL queries, {api} calls to {provider.name}'s API and {image} to its "
            f"images, {time.monotonic() - started:.2f} s."
        )

    def unambiguous(self, provider, title):
        found = provider.search(title)
        exact = [f for f in found if f.title.casefold() == title.strip().casefold()]
        if len(exact) != 1:
            names = ", ".join(f"{f.title} ({f.premiere_year}, --tvmaze {f.id})" for f in found[:5])
            raise CommandError(
                f"“{title}” is not one show in {provider.name}: {names or 'nothing found'}."
            )
        return exact[0].id

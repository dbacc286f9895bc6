import logging

from django.core.management.base import CommandError
from django_tasks_db.compat import TASKS_LOGGER
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from worker.faults import DATABASE_AWAY, RetriedFailures, database_outage, until_database_answers
from worker.heartbeat import Heartbeat, give_back_tasks_of
from worker.scheduling import ensure_queued


class Command(DatabaseWorkerCommand):
    help = (
        "Run the task worker: django-tasks-db's db_worker that waits out a database outage, "
        "writes a heartbeat (/readyz), gives back the tasks of workers that died, and retries "
        "tasks that failed because the database or Redis was away."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(reload=False)

    def handle(self, *args, reload, worker_id, **options):
        if reload:
            # The reloader runs the worker in a thread whose failures this loop never sees.
            raise CommandError("run_worker does not reload; use db_worker --reload to develop.")
        logging.getLogger(TASKS_LOGGER).addFilter(RetriedFailures())
        Heartbeat(worker_id).start()
        while True:
            until_database_answers(give_back_tasks_of, worker_id)
            until_database_answers(ensure_queued)
            try:
                return super().handle(*args, reload=False, worker_id=worker_id, **options)
            except DATABASE_AWAY as error:
                # django-tasks-db's loop stops at the first error of a database that is not
                # merely locked; wait for the database, then start the loop again.
                database_outage.failed(error)

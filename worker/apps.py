from django.apps import AppConfig
from django_tasks_db import apps as tasks_db_apps


class WorkerConfig(AppConfig):
    name = "worker"
    verbose_name = "Task worker"

    def ready(self):
        from . import retries  # noqa: F401 - retries failed tasks (task_finished)


class TasksDatabaseConfig(tasks_db_apps.TasksAppConfig):
    """The queue's table (django-tasks-db), which the worker runs: in the admin its results are
    "Background tasks", not the library's "Tasks Database Backend"."""

    # Named in INSTALLED_APPS; not what "worker" there means.
    default = False
    verbose_name = "Background tasks"

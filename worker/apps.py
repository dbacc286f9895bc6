from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "worker"
    verbose_name = "Task worker"

    def ready(self):
        from . import retries  # noqa: F401 - retries failed tasks (task_finished)

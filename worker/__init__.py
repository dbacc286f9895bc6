"""The task worker (`manage.py run_worker`): django-tasks-db's worker that waits out a database
outage, beats a heartbeat, gives back the tasks of workers that died, and retries tasks that
failed because the database or Redis was away."""

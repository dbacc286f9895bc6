"""One way to say "this changed": `invalidate(tags)` purges the tags at once (this process
and, through Redis, every other), again when the transaction commits (a page built from the
old rows in between is stale too), and at the front caches (CDN, Varnish, nginx) from the task
worker."""

from django.db import transaction

from . import front_purgers, tags


def invalidate(names):
    names = set(names)
    if not names:
        return
    tags.purge(names)

    def after_commit():
        tags.purge(names)
        front_purgers.purge_later(names)

    transaction.on_commit(after_commit)

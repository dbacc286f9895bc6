"""What `manage.py bench_load` needs before its runs: the tools it drives, and the demo content
loaded once into a database of the bench's own PostgreSQL cluster, with the plan the readers,
commenters and editor follow (bench/locustfile.py reads it)."""

import json
import sys
import time
from glob import glob
from pathlib import Path

from django.core.management.base import CommandError

from bench import app_process

LOCUST = Path(sys.executable).with_name("locust")
TOOLS = {
    "/usr/sbin/nginx": "nginx-light",
    "/usr/bin/redis-server": "redis-server",
    "/usr/lib/postgresql/*/bin/pg_ctl": "postgresql",
}
# What the readers, commenters and editor need to know of the loaded demo content.
PLAN_CODE = """
import json, re, secrets
from django.contrib.auth import get_user_model
from discussion.models import CommentSettings
from recaps.models import Recap
from shows.models import Episode, Show

shows = []
for show in Show.objects.order_by("slug"):
    slugs = list(
        Recap.objects.published().filter(episode__show=show)
        .order_by("episode__number", "published_at").values_list("slug", flat=True)
    )
    if slugs:
        shows.append({"slug": show.slug, "recaps": slugs})
busiest = max(shows, key=lambda s: len(s["recaps"]))
# The episodes the editor writes about tonight: a recap per episode, each one new.
last = Episode.objects.filter(show__slug=busiest["slug"]).order_by("-number").first()
episodes = [
    Episode.objects.create(show=last.show, number=last.number + k).pk for k in range(1, 61)
]
words = sorted({
    w.lower() for subtitle in Recap.objects.published().values_list("subtitle", flat=True)
    for w in re.findall(r"[A-Za-z]{5,}", subtitle)
})[:25]
password = secrets.token_urlsafe(16)
user = get_user_model().objects.create_superuser("bench-editor", "bench@example.com", password)
# Every simulated reader comes from 127.0.0.1: a per-address limit would refuse them all.
comment_settings = CommentSettings.load()
comment_settings.rate_per_minute = 0
comment_settings.save()
print(json.dumps({
    "shows": shows, "search_words": words or ["episode"],
    "editor": {"username": user.username, "password": password, "user_id": user.pk,
               "episodes": episodes, "show": busiest["slug"]},
}))
"""


def check_tools():
    missing = [package for pattern, package in TOOLS.items() if not glob(pattern)]
    if missing:
        raise CommandError(
            f"missing: {', '.join(missing)} (`make bench-load` installs them with apt-get)"
        )
    if not LOCUST.exists():
        raise CommandError(f"{LOCUST} is missing: `make install` installs the dev group")


def manage(env, *args):
    """`manage.py <args>` run with `env` to its end; its output, or CommandError with it."""
    done = app_process.manage(env, *args, check=False, capture=True, timeout=900)
    if done.returncode:
        raise CommandError(f"manage.py {args[0]} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def prepare(cluster, environment, scratch):
    """The demo content in database `episodic_load` of the bench's `cluster`; (the plan, the
    seconds it took). `environment(url)` is the app's environment on the database at `url`."""
    began = time.monotonic()
    url = cluster.create_database("episodic_load")
    env = environment(url)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    # The demo commands write the demo accounts only in development.
    for command in ("load_demo", "load_demo_comments", "load_demo_ratings"):
        manage({**env, "DJANGO_DEBUG": "1"}, command)
    manage(env, "refresh_search")
    plan = json.loads(manage(env, "shell", "--no-imports", "-c", PLAN_CODE))
    # The editor's hero still: a photograph-sized JPEG, uploaded with every new recap.
    from PIL import Image

    plan["still"] = str(scratch / "still.jpg")
    Image.new("RGB", (1600, 900), (40, 60, 120)).save(plan["still"], quality=85)
    return plan, time.monotonic() - began

"""What a request gets while the database is away (refused, restarting, failing over, out of
connections, or hung past its connect timeout): never Django's 500 page.

`DatabaseOutageMiddleware` answers every request that fails for that reason with a short
branded 503 (`templates/503.html`, rendered with no request context, so nothing on it needs the
database) and `Retry-After`. A form sent meanwhile (a comment, a mark, a rating, an admin save)
comes back on that page holding everything that was sent, to send again once the database is
back: nothing is stored, and nothing typed is lost. The page cache, further in, answers with a
stored copy first when it has one (`pagecache.middleware`).

Django turns an exception into a 500 response in the middleware or view where it is raised,
before an outer middleware could see it, and logs a traceback per request. So for requests this
middleware guards, a database failure is raised again from `got_request_exception` (sent
before any 500 page is made) until it reaches the page cache and then this middleware."""

import logging
import re
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.db.backends.signals import connection_created
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

from .outages import OutageLog

try:
    import psycopg
except ImportError:  # SQLite only
    DRIVER_ERRORS = ()
else:
    DRIVER_ERRORS = (psycopg.OperationalError, psycopg.InterfaceError)

DATABASE_AWAY = (OperationalError, InterfaceError, *DRIVER_ERRORS)
RETRY_AFTER_SECONDS = 30
GUARDED = "database_outage_guarded"
JSON_DETAIL = "The database is away for a moment. Try again in a few seconds."

logger = logging.getLogger(__name__)
database_outage = OutageLog(logger, "The database")

# Fields sent again as they came but not shown: form security, buttons, formset counts.
UNSHOWN_FIELDS = {
    "csrfmiddlewaretoken",
    "content_type",
    "object_pk",
    "timestamp",
    "security_hash",
    "reply_to",
    "next",
    "honeypot",
    "followup",
}
UNSHOWN_SUFFIXES = ("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS")
UNSHOWN_VALUES = {"on", "off", "true", "false"}
LABELS = {"comment": "Your comment", "url": "Website", "score": "Your rating"}
LONG_FIELDS = {"comment", "body", "intro", "text"}


def connect():
    """From CoreConfig.ready: first among `got_request_exception`'s receivers, so none of
    them takes a database failure for an error of the site's."""
    got_request_exception.connect(
        raise_in_guarded_requests, dispatch_uid="core.database_outage.raise"
    )
    connection_created.connect(database_answered, dispatch_uid="core.database_outage.back")


def is_database_away(error):
    return isinstance(error, DATABASE_AWAY)


def raise_in_guarded_requests(sender, request=None, **kwargs):
    """`got_request_exception` receiver: carries a database failure out to the middlewares
    that answer it, instead of letting Django make a 500 page of it."""
    error = sys.exc_info()[1]
    if request is not None and getattr(request, GUARDED, False) and is_database_away(error):
        raise error


def database_answered(sender, **kwargs):
    database_outage.answered()


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        setattr(request, GUARDED, True)
        try:
            return self.get_response(request)
        except DATABASE_AWAY as error:
            database_outage.failed(error)
            return unavailable(request)


def unavailable(request):
    """The branded 503, with the form that was sent, if any, to send again; for paths that
    answer JSON (`JSON_PATH_PREFIXES`, the API), the same 503 as a JSON error."""
    if request.path.startswith(tuple(settings.JSON_PATH_PREFIXES)):
        response = JsonResponse({"detail": JSON_DETAIL}, status=503)
    else:
        fields = sent_fields(request)
        content = loader.get_template("503.html").render(
            {
                "fields": fields,
                "action": request.get_full_path(),
                "files_left": fields is not None and bool(request.FILES),
            }
        )
        response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["X-Robots-Tag"] = "noindex"
    add_never_cache_headers(response)
    # The outage is in the log once per interval (`database_outage`), not a line per request
    # from django.request.
    response._has_been_logged = True
    return response


def sent_fields(request):
    """[{name, value, label, shown, long}] for a form that was posted, else None."""
    if request.method != "POST":
        return None
    try:
        posted = request.POST
    except Exception:  # noqa: BLE001 - a body that cannot be read has nothing to give back
        return None
    fields = []
    for name, values in posted.lists():
        # A password is never written into a page: it is typed again.
        if "password" in name.lower():
            continue
        for value in values:
            shown = bool(value.strip()) and not (
                name in UNSHOWN_FIELDS
                or name.startswith("_")
                or name.endswith(UNSHOWN_SUFFIXES)
                or value.lower() in UNSHOWN_VALUES
            )
            fields.append(
                {
                    "name": name,
                    "value": value,
                    "shown": shown,
                    "label": label(name),
                    "long": name in LONG_FIELDS or len(value) > 60 or "\n" in value,
                    # A textarea's first line break is dropped by HTML parsers: one of our own
                    # keeps the reader's.
                    "text": "\n" + value,
                }
            )
    return fields


def label(name):
    if name in LABELS:
        return LABELS[name]
    words = re.sub(r"[_\-]+", " ", name).strip()
    return words[:1].upper() + words[1:]

"""The fediverse's endpoints: WebFinger and NodeInfo under /.well-known/, and under /ap/ each
show's actor, outbox, followers and inbox, the site's actor, the shared inbox and the recaps'
Articles. JSON answers are `application/activity+json`, or the ld+json type a client asked
for; a browser asking for a show's actor is sent to the show's page."""

import json
from importlib.metadata import PackageNotFoundError, version

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from recaps.models import Recap
from sitesettings.models import SiteSettings

from . import documents, ids, inbox
from .models import Follower
from .shows import published_recaps, visible_show, visible_shows

OUTBOX_PAGE_SIZE = 20
JRD = "application/jrd+json"
NODEINFO_SCHEMA = "http://nodeinfo.diaspora.software/ns/schema/2.1"


def _json(document, content_type, status=200):
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False), content_type=content_type, status=status
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def activity_json(request, document):
    """The document as the type the client asked for (ld+json or activity+json)."""
    asked = request.headers.get("Accept", "")
    content_type = ids.LD_JSON if "application/ld+json" in asked else ids.ACTIVITY_JSON
    response = _json(document, f"{content_type}; charset=utf-8")
    patch_vary_headers(response, ["Accept"])
    return response


def wants_html(request):
    asked = request.headers.get("Accept", "")
    return "text/html" in asked and "json" not in asked


def _show_or_404(slug):
    show = visible_show(slug)
    if show is None:
        raise Http404("No such show")
    return show


@require_GET
def webfinger(request):
    resource = request.GET.get("resource", "")
    if not resource or len(resource) > 500:
        return _json({"error": "resource is required"}, JRD, status=400)
    user = None
    if resource.startswith("acct:"):
        user, _, host = resource.removeprefix("acct:").lstrip("@").partition("@")
        if host.lower() != ids.domain().lower():
            return _json({"error": "not a handle of this site"}, JRD, status=404)
    elif resource.startswith(ids.absolute("/ap/shows/")):
        user = resource.removeprefix(ids.absolute("/ap/shows/"))
    elif resource == ids.site_actor_url():
        user = ids.domain().split(":")[0]
    else:
        return _json({"error": "resource must be acct:name@domain"}, JRD, status=400)
    if user == ids.domain().split(":")[0]:
        document = documents.webfinger(
            f"acct:{user}@{ids.domain()}", ids.site_actor_url(), ids.absolute("/")
        )
        return _json(document, JRD)
    show = visible_show(user) if user and "/" not in user else None
    if show is None:
        return _json({"error": "no such actor"}, JRD, status=404)
    document = documents.webfinger(
        f"acct:{ids.handle(show)}", ids.actor_url(show), ids.absolute(show.get_absolute_url())
    )
    return _json(document, JRD)


@require_GET
def nodeinfo_links(request):
    href = ids.absolute(reverse("fediverse:nodeinfo"))
    return _json({"links": [{"rel": NODEINFO_SCHEMA, "href": href}]}, "application/json")


@require_GET
def nodeinfo(request):
    document = documents.nodeinfo(
        software_version(),
        SiteSettings.load().site_name,
        shows=visible_shows().count(),
        recaps=Recap.objects.published().count(),
    )
    return _json(document, f'application/json; profile="{NODEINFO_SCHEMA}#"')


def software_version():
    try:
        return version("episodic")
    except PackageNotFoundError:  # run from a checkout that was not installed
        return "0"


@require_GET
def show_actor(request, slug):
    show = _show_or_404(slug)
    if wants_html(request):
        return HttpResponseRedirect(show.get_absolute_url())
    return activity_json(request, documents.show_actor(show))


@require_GET
def site_actor(request):
    return activity_json(request, documents.site_actor(SiteSettings.load().site_name))


@require_GET
def show_outbox(request, slug):
    show = _show_or_404(slug)
    outbox = ids.show_collection(show, "outbox")
    paginator = Paginator(published_recaps(show), OUTBOX_PAGE_SIZE)
    number = request.GET.get("page")
    if number is None:
        document = documents.ordered_collection(outbox, paginator.count, f"{outbox}?page=1")
        return activity_json(request, document)
    try:
        page = paginator.page(number)
    except InvalidPage as error:
        raise Http404("No such page") from error
    items = [documents.recap_activity(recap, "Create", recap.published_at) for recap in page]
    for item in items:
        item.pop("@context")
    document = documents.collection_page(
        f"{outbox}?page={page.number}",
        outbox,
        items,
        next_url=f"{outbox}?page={page.next_page_number()}" if page.has_next() else None,
        prev_url=f"{outbox}?page={page.previous_page_number()}" if page.has_previous() else None,
    )
    return activity_json(request, document)


@require_GET
def show_followers(request, slug):
    show = _show_or_404(slug)
    total = Follower.objects.filter(show=show).count()
    return activity_json(
        request, documents.ordered_collection(ids.show_collection(show, "followers"), total)
    )


@require_GET
def article(request, pk):
    recap = get_object_or_404(Recap.objects.published().select_related("episode__show"), pk=pk)
    if wants_html(request):
        return HttpResponseRedirect(recap.get_absolute_url())
    return activity_json(request, documents.with_context(documents.article(recap)))


def _inbox_answer(request):
    status, message = inbox.receive(request)
    return JsonResponse({"status": message}, status=status)


@csrf_exempt
@require_POST
def show_inbox(request, slug):
    _show_or_404(slug)
    return _inbox_answer(request)


@csrf_exempt
@require_POST
def shared_inbox(request):
    return _inbox_answer(request)

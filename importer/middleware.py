"""Old WordPress addresses in query-string form (`/?p=123`, `/?page_id=`, `/?attachment_id=`,
`/?cat=`, `/?tag=`): they ask for the home page, which exists, so the redirects app (which acts
on 404s) never sees them. This middleware answers them with a 301 to the imported page; any
other request costs nothing but a look at the query string."""

from django.http import HttpResponsePermanentRedirect
from django.urls import reverse

from .models import WordPressOrigin

PARAMETERS = ("p", "page_id", "attachment_id", "cat", "tag")


def old_target(query):
    Kind = WordPressOrigin.Kind
    origins = WordPressOrigin.objects.select_related("content_type")
    for name in ("p", "page_id"):
        if query.get(name, "").isdigit():
            origin = origins.filter(kind=Kind.POST, wp_id=query[name]).first()
            return origin.target.get_absolute_url() if origin and origin.target else None
    if query.get("attachment_id", "").isdigit():
        origin = origins.filter(
            kind=Kind.STILL, wp_id__startswith=f"{query['attachment_id']}@"
        ).first()
        still = origin.target if origin else None
        return still.recap.get_absolute_url() if still else None
    if query.get("cat", "").isdigit():
        origin = origins.filter(kind=Kind.TERM, wp_id=f"category:{query['cat']}").first()
        target = origin.target if origin else None
        if target is None:
            return None
        if hasattr(target, "get_absolute_url"):
            return target.get_absolute_url()
        return reverse("recaps:tag", kwargs={"slug": target.slug})
    if query.get("tag"):
        from taggit.models import Tag

        tag = Tag.objects.filter(slug=query["tag"][:100]).first()
        return reverse("recaps:tag", kwargs={"slug": tag.slug}) if tag else None
    return None


class WordPressQueryRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and request.method in ("GET", "HEAD") and request.GET:
            if any(name in request.GET for name in PARAMETERS):
                target = old_target(request.GET)
                if target:
                    return HttpResponsePermanentRedirect(target)
        return self.get_response(request)

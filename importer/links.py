"""The links that need every post: Also Read picks between imported recaps, and 301s from
the old addresses (posts, attachment pages, category and tag archives) to their new pages.
`/?p=`-style queries are answered by importer.middleware from the remembered origins."""

from urllib.parse import parse_qs, unquote, urlsplit

from django.contrib.redirects.models import Redirect
from django.urls import reverse
from django.utils.encoding import escape_uri_path

from recaps.models import Recap

from .models import WordPressOrigin
from .scan import old_path

Kind = WordPressOrigin.Kind


def tag_url(tag):
    return reverse("recaps:tag", kwargs={"slug": tag.slug})


def link_also_read(state):
    paths = state.scan.post_paths
    through = Recap.also_read.through
    rows = []
    for recap_pk, hrefs in state.pending.also_read:
        for href in hrefs:
            parts = urlsplit(href)
            query = parse_qs(parts.query)
            key = f"/?p={query['p'][0]}" if "p" in query else old_path(href.split("#")[0])
            post_id = paths.get(key)
            if post_id is None:
                continue
            target = (
                state.recap_for_post.get(post_id)
                or (state.origins.get((Kind.POST, str(post_id))) or [None])[0]
            )
            if target and target != recap_pk:
                rows.append(through(from_recap_id=recap_pk, to_recap_id=target))
    through.objects.bulk_create(rows, ignore_conflicts=True)
    state.report.counts["also_read"] += len(rows)


def redirect(state, link, new):
    path = old_path(link)
    if not link or "?" in path or path == "/":
        return  # query forms (/?p=ID) are answered by importer.middleware
    if new != path:
        state.redirects[path] = new


def redirect_terms(state):
    """Category and tag archives → the show's hub or the tag page; attachment pages → the
    recap that shows the image."""
    prefix = urlsplit(state.site_url).path.rstrip("/")
    for (taxonomy, slug), term in state.scan.terms.items():
        if taxonomy not in ("category", "post_tag"):
            continue
        show = state.category_shows.get(slug) if taxonomy == "category" else None
        target = show or state.tags.get(term.name.casefold())
        if target is None:
            continue
        base = "category" if taxonomy == "category" else "tag"
        old = escape_uri_path(f"{prefix}/{base}/{unquote(slug)}/")
        new = target.get_absolute_url() if show else tag_url(target)
        state.redirects[old] = new
        if term.term_id:
            state.remember(Kind.TERM, f"{taxonomy}:{term.term_id}", target)
    for attachment in state.scan.attachments.values():
        recap_pk = (
            state.recap_for_post.get(attachment.parent)
            or (state.origins.get((Kind.POST, str(attachment.parent))) or [None])[0]
        )
        if recap_pk in state.recap_slugs and attachment.link:
            slug = state.recap_slugs[recap_pk]
            redirect(state, attachment.link, reverse("recaps:detail", kwargs={"slug": slug}))
    state.flush_origins()


def write_redirects(state):
    state.report.counts["redirects"] = len(state.redirects)
    rows = [
        Redirect(site=state.site, old_path=old[:200], new_path=new[:200])
        for old, new in state.redirects.items()
        if len(old) <= 200
    ]
    for old in state.redirects:
        if len(old) > 200:
            state.report.add(
                "redirect",
                old[:60],
                "left out",
                "old path longer than 200 characters",
                attention=True,
                url=old,
            )
    Redirect.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["site", "old_path"],
        update_fields=["new_path"],
    )

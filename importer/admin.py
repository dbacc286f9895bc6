"""Import runs in the admin: read-only records of what each `import_wordpress` run did, with the
items that need an editor (links go to the recap or show to fix)."""

from django.contrib import admin
from django.contrib.redirects import admin as redirects_admin
from django.contrib.redirects.models import Redirect
from django.urls import Resolver404, resolve
from django.utils.html import format_html, format_html_join

from core.admin import ReadOnlyAdmin, SafeRelationsMixin

from .models import ImportRun, WordPressOrigin

COUNT_LABELS = {
    "posts_seen": "Posts and pages read",
    "recaps_created": "Recaps created",
    "recaps_updated": "Recaps updated",
    "recaps_unchanged": "Recaps unchanged",
    "posts_left_out": "Posts left out",
    "failed": "Posts that failed",
    "comments_public": "Comments imported (public)",
    "comments_held": "Comments held for moderation",
    "comments_left_out": "Comments left out",
    "comments_pingback": "… pingbacks",
    "comments_trackback": "… trackbacks",
    "comments_spam": "… spam",
    "comments_trash": "… trash",
    "comments_unchanged": "Comments already imported",
    "images_found": "Images found",
    "images_missing": "Images missing",
    "images_provisional_alt": "Stills with provisional alt text",
    "users_created": "Users created",
    "users_existing": "Users already imported",
    "shows_created": "Shows created (schedule unknown)",
    "episodes_created": "Episodes created",
    "tags_created": "Tags created",
    "embed_blocks": "Embeds from Gutenberg embed blocks",
    "embed_shortcodes": "Embeds from [embed] and [youtube] shortcodes",
    "embed_bare": "Embeds from links on a line of their own",
    "embed_links": "Other sites' addresses made links",
    "facts_dropped": "Show-facts paragraphs dropped",
    "also_read": "Also Read picks",
    "redirects": "Old URLs redirected",
}
SHOWN_ITEMS = 500


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = ["source", "site_url", "status", "started_at", "recaps", "attention_count"]
    list_filter = ["status"]
    search_fields = ["source", "site_url"]
    date_hierarchy = "started_at"
    fields = [
        "source",
        "site_url",
        "status",
        "started_at",
        "finished_at",
        "report_csv",
        "error",
        "count_table",
        "attention_table",
    ]
    readonly_fields = fields

    @admin.display(description="recaps created / updated")
    def recaps(self, run):
        return f"{run.counts.get('recaps_created', 0)} / {run.counts.get('recaps_updated', 0)}"

    @admin.display(description="needs an editor")
    def attention_count(self, run):
        return len(run.attention)

    @admin.display(description="counts")
    def count_table(self, run):
        rows = [
            (label, run.counts.get(key, 0))
            for key, label in COUNT_LABELS.items()
            if key in run.counts or not key.startswith("comments_")
        ]
        return format_html(
            '<table class="import-counts"><tbody>{}</tbody></table>',
            format_html_join("", "<tr><th scope=row>{}</th><td>{}</td></tr>", rows),
        )

    @admin.display(description="needs an editor")
    def attention_table(self, run):
        items = run.attention[:SHOWN_ITEMS]
        if not items:
            return "Nothing: every item was imported completely."
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    item.get("kind", ""),
                    item.get("wp_id", ""),
                    _link(item.get("admin_url"), item.get("title") or item.get("url") or "—"),
                    item.get("outcome", ""),
                    item.get("reason", ""),
                    item.get("url", ""),
                )
                for item in items
            ),
        )
        more = len(run.attention) - len(items)
        note = format_html("<p>… and {} more: see the CSV report.</p>", more) if more > 0 else ""
        return format_html(
            '<table class="import-attention"><thead><tr><th scope=col>kind</th>'
            "<th scope=col>WordPress id</th><th scope=col>item</th><th scope=col>outcome</th>"
            "<th scope=col>reason</th><th scope=col>old URL</th></tr></thead>"
            "<tbody>{}</tbody></table>{}",
            rows,
            note,
        )


def _link(url, text):
    """A link to the item's admin page (importer.report.admin_url), and none to any other
    address: the run stores what it was given, and a link elsewhere would leave the admin."""
    try:
        match = resolve(url or "")
    except Resolver404:
        return text
    if match.namespace != admin.site.name:
        return text
    return format_html('<a href="{}">{}</a>', url, text)


@admin.register(WordPressOrigin)
class WordPressOriginAdmin(ReadOnlyAdmin):
    list_display = ["wp_id", "kind", "site_url", "content_type", "object_id", "imported_at"]
    list_filter = ["kind", "site_url"]
    search_fields = ["wp_id", "old_url"]
    list_select_related = ["content_type"]


# Django's own admin of the redirects the importer writes, with the site field guarded like
# every relation field of ours (a posted site id the column cannot hold is a form error).
class RedirectAdmin(SafeRelationsMixin, redirects_admin.RedirectAdmin):
    pass


if admin.site.is_registered(Redirect):
    admin.site.unregister(Redirect)
admin.site.register(Redirect, RedirectAdmin)

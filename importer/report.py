"""What an import tells its operator and editors: counts and a row per item, printed as a
summary, written as CSV, and kept as an `ImportRun` whose items link to their admin pages."""

from collections import Counter
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from core.spreadsheets import SpreadsheetWriter

from .models import ImportRun

SCHEDULE_UNKNOWN = "imported: schedule unknown"
CSV_COLUMNS = [
    "kind",
    "wordpress_id",
    "old_url",
    "title",
    "outcome",
    "reason",
    "needs_editor",
    "admin_url",
    "content",
]


def admin_url(model, pk):
    """The admin page where an editor fixes this row; importer.admin links only to such pages."""
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])


@dataclass
class Row:
    kind: str
    wp_id: str
    url: str = ""
    title: str = ""
    outcome: str = ""
    reason: str = ""
    attention: bool = False
    admin_url: str = ""
    content: str = ""


@dataclass
class Report:
    site_url: str = ""
    counts: Counter = field(default_factory=Counter)
    rows: list = field(default_factory=list)

    def add(self, kind, wp_id, outcome, reason="", *, attention=False, **extra):
        self.rows.append(
            Row(kind, str(wp_id), outcome=outcome, reason=reason, attention=attention, **extra)
        )

    def mark(self):
        return self.counts.copy(), len(self.rows)

    def roll_back(self, mark):
        """What a failed post counted and listed is dropped: it reads as failed, not created."""
        counts, length = mark
        self.counts.clear()
        self.counts.update(counts)
        del self.rows[length:]

    @property
    def attention(self):
        return [row for row in self.rows if row.attention]

    def summary(self):
        c = self.counts
        lines = [
            f"Recaps: {c['recaps_created']} created, {c['recaps_updated']} updated, "
            f"{c['recaps_unchanged']} unchanged",
            f"Posts left out: {c['posts_left_out']} (listed with their reasons in the CSV), "
            f"failed: {c['failed']}",
            f"Comments: {c['comments_public']} public, {c['comments_held']} held for moderation, "
            f"{c['comments_left_out']} left out (pingbacks {c['comments_pingback']}, trackbacks "
            f"{c['comments_trackback']}, spam {c['comments_spam']}, trash {c['comments_trash']}), "
            f"{c['comments_unchanged']} already imported",
            f"Images: {c['images_found']} found, {c['images_missing']} missing, "
            f"{c['images_provisional_alt']} with provisional alt text",
            f"Users: {c['users_created']} created, {c['users_existing']} already imported",
            f"Shows created: {c['shows_created']} ({SCHEDULE_UNKNOWN}), episodes created: "
            f"{c['episodes_created']}, tags created: {c['tags_created']}",
            f"Embeds: {c['embed_blocks']} blocks, {c['embed_shortcodes']} shortcodes, "
            f"{c['embed_bare']} links on a line of their own; other sites' addresses made links: "
            f"{c['embed_links']}",
            f"Show-facts paragraphs dropped: {c['facts_dropped']}; Also Read picks: "
            f"{c['also_read']}; redirects: {c['redirects']}",
            f"Needs an editor: {len(self.attention)} items",
        ]
        if "seconds" in c:
            lines.append(f"Time: {c['seconds']} s; peak memory: {c['peak_memory_mb']} MB")
        return "\n".join(lines)

    def write_csv(self, path):
        with open(path, "w", newline="", encoding="utf-8") as out:
            writer = SpreadsheetWriter(out)
            writer.writerow(CSV_COLUMNS)
            for row in self.rows:
                writer.writerow(
                    [
                        row.kind,
                        row.wp_id,
                        row.url,
                        row.title,
                        row.outcome,
                        row.reason,
                        "yes" if row.attention else "",
                        row.admin_url,
                        row.content,
                    ]
                )


def save_run(source, report, csv_path):
    """The run as an `ImportRun` row for the admin."""
    return ImportRun.objects.create(
        source=str(source),
        site_url=report.site_url,
        status=ImportRun.Status.FINISHED,
        finished_at=timezone.now(),
        counts=dict(report.counts),
        attention=[
            {
                "kind": row.kind,
                "wp_id": row.wp_id,
                "title": row.title,
                "url": row.url,
                "outcome": row.outcome,
                "reason": row.reason,
                "admin_url": row.admin_url,
            }
            for row in report.attention
        ],
        report_csv=str(csv_path) if csv_path else "",
    )

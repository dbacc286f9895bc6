"""The comment moderation values move from the site settings row to the comment settings row,
and back when unapplied. sitesettings 0003, which drops them there, runs after this."""

from django.db import migrations

SINGLETON_PK = 1
# CommentSettings field: the SiteSettings field it was.
FIELDS = {
    "hold_max_links": "comment_hold_max_links",
    "moderation_words": "comment_moderation_words",
    "block_words": "comment_block_words",
    "block_emails": "comment_block_emails",
    "block_ips": "comment_block_ips",
    "min_seconds": "comment_min_seconds",
    "rate_per_minute": "comment_rate_per_minute",
    "close_after_days": "comment_close_after_days",
}


def copy_row(apps, source, target, names):
    """Copy the singleton row of the `source` model to the `target` model's, field `old` to
    field `new` for each (old, new) of `names`; no row, nothing to copy (the defaults of both
    models are the same values)."""
    row = apps.get_model(*source).objects.filter(pk=SINGLETON_PK).first()
    if row is not None:
        apps.get_model(*target).objects.update_or_create(
            pk=SINGLETON_PK, defaults={new: getattr(row, old) for old, new in names}
        )


def copy_to_comment_settings(apps, schema_editor):
    names = [(old, new) for new, old in FIELDS.items()]
    copy_row(apps, ("sitesettings", "SiteSettings"), ("discussion", "CommentSettings"), names)


def copy_back_to_site_settings(apps, schema_editor):
    names = list(FIELDS.items())
    copy_row(apps, ("discussion", "CommentSettings"), ("sitesettings", "SiteSettings"), names)


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0003_comment_settings"),
        ("sitesettings", "0002_comment_moderation"),
    ]

    operations = [migrations.RunPython(copy_to_comment_settings, copy_back_to_site_settings)]

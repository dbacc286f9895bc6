import re

from django.db import migrations

SHOW_ADMIN_URL = re.compile(r"^/admin/shows/show/(\d+)/change/$")


def mark_imported_shows(apps, schema_editor):
    """Shows created by runs before the mark existed are named in their runs' lists for
    editors; those still without a premiere date get the mark."""
    ImportRun = apps.get_model("importer", "ImportRun")
    Show = apps.get_model("shows", "Show")
    pks = set()
    for attention in ImportRun.objects.values_list("attention", flat=True):
        for item in attention or []:
            found = item.get("kind") == "show" and SHOW_ADMIN_URL.match(item.get("admin_url", ""))
            if found:
                pks.add(int(found[1]))
    Show.objects.filter(pk__in=pks, premiere_date__isnull=True).update(schedule_unknown=True)


class Migration(migrations.Migration):
    dependencies = [
        ("importer", "0001_initial"),
        ("shows", "0002_show_schedule_unknown"),
    ]

    operations = [migrations.RunPython(mark_imported_shows, migrations.RunPython.noop)]

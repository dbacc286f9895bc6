"""Fill `word_count` for the recaps written before it existed.

The historical model has no `Recap.count_words()`, so this calls the same pure function with the
same fields. Batched, so a large table is never held in memory at once."""

from django.db import migrations

from recaps.reading import count_words

READING_FIELDS = ("intro", "body", "bonus_track", "review")
BATCH = 500


def count_words_of_existing_recaps(apps, schema_editor):
    Recap = apps.get_model("recaps", "Recap")
    recaps = Recap.objects.only("pk", *READING_FIELDS).order_by("pk")
    batch = []
    for recap in recaps.iterator(chunk_size=BATCH):
        recap.word_count = count_words(*(getattr(recap, name) for name in READING_FIELDS))
        batch.append(recap)
        if len(batch) == BATCH:
            Recap.objects.bulk_update(batch, ["word_count"])
            batch = []
    Recap.objects.bulk_update(batch, ["word_count"])


class Migration(migrations.Migration):
    dependencies = [("recaps", "0005_word_count")]

    # Going back, the column goes with 0005; there is nothing to undo here.
    operations = [
        migrations.RunPython(count_words_of_existing_recaps, migrations.RunPython.noop),
    ]

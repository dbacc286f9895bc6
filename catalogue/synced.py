"""Editors' edits win: a row's synced fields follow the catalogue only while they still hold
the catalogue's last value (kept in SyncedValues). A field whose value differs from it was
edited by hand; it is kept, and listed as a disagreement until an editor takes the
catalogue's value or the catalogue comes round to theirs."""

from dataclasses import dataclass, field
from datetime import date, time

from .models import SyncedValues


def as_json(value):
    """A field's value as SyncedValues keeps it (and compares it)."""
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


@dataclass
class Report:
    """What a run did, in words, for the editor or the command's output."""

    created: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    kept: list = field(default_factory=list)  # hand edits left alone

    def lines(self):
        return (
            [f"Created {line}" for line in self.created]
            + [f"Changed {line}" for line in self.changed]
            + [f"Kept the hand-edited {line}" for line in self.kept]
        )


class Memories(dict):
    """{reference: SyncedValues} of some rows, read in one query; `save` writes the new ones in
    one more and only those whose values moved (a second run writes nothing)."""

    def __init__(self, references):
        rows = SyncedValues.objects.filter(reference__in=list(references))
        super().__init__((row.reference, row) for row in rows)
        self.before = {reference: dict(row.values) for reference, row in self.items()}

    def of(self, reference):
        if reference not in self:
            self[reference] = SyncedValues(reference=reference)
        return self[reference]

    def save(self):
        new = [row for row in self.values() if row.pk is None]
        for reference, row in self.items():
            if row.pk is not None and row.values != self.before.get(reference):
                row.save()
                self.before[reference] = dict(row.values)
        SyncedValues.objects.bulk_create(new)
        self.before.update((row.reference, dict(row.values)) for row in new)


def follow(row, values, memory, label, report):
    """Sets each of `values` on `row` unless edited by hand (`memory` is the row's SyncedValues,
    unsaved for a new row); returns the fields changed. The caller saves the row with .save(),
    never update(), so signal receivers (page cache, publication times) see the change."""
    last = memory.values
    # A row here before the catalogue knew it (a person of the same name, an episode typed by
    # hand): what an editor filled in counts as theirs; only empty fields are taken.
    adopted = memory.pk is None and row.pk is not None
    changed = []
    for name, value in values.items():
        current, new = as_json(getattr(row, name)), as_json(value)
        if adopted:
            by_hand = current not in (None, "", [])
        else:
            by_hand = memory.pk is not None and current != last.get(name, current)
        if not by_hand:
            if current != new:
                setattr(row, name, value)
                changed.append(name)
        elif current != new:
            report.kept.append(f"{name.replace('_', ' ')} of {label}")
        last[name] = new
    if changed and row.pk:
        report.changed.append(f"{', '.join(n.replace('_', ' ') for n in changed)} of {label}")
    return changed


def disagreements(row, memory):
    """[(field, current value, catalogue's value)] where a hand edit differs from the catalogue."""
    if memory is None:
        return []
    return [
        (name, getattr(row, name), value)
        for name, value in memory.values.items()
        if hasattr(row, name) and as_json(getattr(row, name)) != value
    ]

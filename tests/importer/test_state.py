"""The import's state (importer.state): one pending set, cut back as a whole."""

from dataclasses import fields

from importer.state import Pending


def test_rolling_back_to_a_mark_cuts_every_pending_list_back():
    pending = Pending()
    for kind in fields(Pending):
        getattr(pending, kind.name).append(f"{kind.name} of an earlier post")
    mark = pending.mark()
    for kind in fields(Pending):
        getattr(pending, kind.name).append(f"{kind.name} of the failed post")
    pending.roll_back(mark)
    assert {kind.name: getattr(pending, kind.name) for kind in fields(Pending)} == {
        kind.name: [f"{kind.name} of an earlier post"] for kind in fields(Pending)
    }


def test_the_mark_names_every_pending_list():
    assert set(Pending().mark()) == {kind.name for kind in fields(Pending)}

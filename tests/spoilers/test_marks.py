"""The marks as a value: parsing what the cookie holds, and changing it. No database."""

from hypothesis import given
from hypothesis import strategies as st

from spoilers.marks import ALL, MAX_SHOWS, Marks


def test_a_mark_hides_later_episodes_of_its_show_only():
    marks = Marks([(7, 4)])
    assert marks.hides(7, 5)
    assert not marks.hides(7, 4)
    assert not marks.hides(7, 1)
    assert not marks.hides(8, 5)


def test_all_hides_nothing():
    assert not Marks([(7, ALL)]).hides(7, 99)


def test_marks_round_trip_through_the_cookie_text():
    marks = Marks([(12, 4), (7, ALL), (3, 1)])
    assert marks.serialise() == "12:4_7:all_3:1"
    assert Marks.parse(marks.serialise()).serialise() == "12:4_7:all_3:1"


def test_setting_a_mark_puts_its_show_first_and_replaces_the_old_one():
    marks = Marks([(1, 2), (2, 3)]).with_mark(2, 5)
    assert marks.serialise() == "2:5_1:2"


def test_only_the_most_recent_shows_are_kept():
    marks = Marks()
    for show in range(1, MAX_SHOWS + 6):
        marks = marks.with_mark(show, 1)
    assert len(marks.serialise().split("_")) == MAX_SHOWS
    assert marks.get(MAX_SHOWS + 5) == 1
    assert marks.get(5) is None
    assert marks.get(6) == 1


def test_forgetting_removes_one_show():
    assert Marks([(1, 2), (2, 3)]).without(1).serialise() == "2:3"
    assert not Marks([(1, 2)]).without(1)


def test_anything_that_is_not_what_we_write_is_no_marks():
    for text in [
        "",
        None,
        "garbage",
        "1:2_",
        "1:2__3:4",
        "0:2",
        "1:0",
        "1:-2",
        "-1:2",
        "1:99999",
        "1:2_1:3",
        "1:ALL",
        "1:2;3:4",
        " 1:2",
        "１:２",
        "<script>:1",
        "_".join(f"{n}:1" for n in range(1, MAX_SHOWS + 2)),
    ]:
        assert not Marks.parse(text), text


@given(st.text(max_size=300))
def test_parsing_any_text_never_fails(text):
    marks = Marks.parse(text)
    assert Marks.parse(marks.serialise()).serialise() == marks.serialise()

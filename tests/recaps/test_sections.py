"""Splitting a section's sanitised HTML into blocks and placing stills between them."""

from recaps.sections import interleave, split_blocks


def test_split_blocks_keeps_nested_markup_together():
    html = (
        "<p>One <b>bold</b></p><blockquote><p>Q1</p><p>Q2</p></blockquote><hr><ul><li>a</li></ul>"
    )
    assert split_blocks(html) == [
        "<p>One <b>bold</b></p>",
        "<blockquote><p>Q1</p><p>Q2</p></blockquote>",
        "<hr>",
        "<ul><li>a</li></ul>",
    ]


def test_split_blocks_joins_back_to_the_input():
    html = "<p>a</p>\n<p>b &amp; c</p>\n<h3>d</h3>"
    assert "".join(split_blocks(html)).replace("\n", "") == html.replace("\n", "")


def test_split_blocks_of_empty_text_is_empty():
    assert split_blocks("") == [] and split_blocks(None) == []


def test_interleave_spreads_stills_after_the_first_block():
    parts = interleave("<p>1</p><p>2</p><p>3</p><p>4</p>", ["A", "B"])
    kinds = [value if kind == "still" else value[3] for kind, value in parts]
    assert kinds == ["1", "A", "2", "3", "B", "4"] or kinds == ["1", "2", "A", "3", "B", "4"]
    assert parts[0][0] == "html"


def test_interleave_without_text_keeps_every_still():
    assert interleave("", ["A", "B"]) == [("still", "A"), ("still", "B")]


def test_interleave_keeps_every_still_when_there_are_more_stills_than_blocks():
    parts = interleave("<p>1</p>", ["A", "B", "C"])
    assert [value for kind, value in parts if kind == "still"] == ["A", "B", "C"]

"""The reading rule on plain HTML strings: what counts as a word, and how minutes round."""

import pytest

from recaps.reading import WORDS_PER_MINUTE, count_words, minutes_to_read, visible_text


@pytest.mark.parametrize(
    ("html", "words"),
    [
        ("", 0),
        ("<p>Su-ho plays the piano.</p>", 4),
        ("<p>One.</p><p>Two.</p><p>Three.</p>", 3),
        ("<ul><li>first</li><li>second</li></ul>", 2),
        ("line<br>break", 2),
        ("<p><em>Su</em>-ho and <strong>Hyeon</strong>-seo</p>", 3),
        ("<p>She doesn't — won't — call.</p>", 4),
        ("<p>Hyeon-seo—again</p>", 2),
        ("<p>Episode 4 airs at 1:30 PM</p>", 6),
        ("<p>  spaced&nbsp;out &amp; back  </p>", 3),
        ("<p>– … !</p>", 0),
        ("<p>Café naïve Ελληνικά русский</p>", 4),
    ],
)
def test_counts_words_of_spaced_scripts(html, words):
    assert count_words(html) == words


def test_markup_attributes_and_hidden_elements_are_not_words():
    html = (
        '<p><a href="https://example.com/a/very/long/path" title="ten words of title text '
        'that nobody sees">Read</a> on.</p><!-- an editor note -->'
        "<script>var lots = of + words;</script><style>p { color: red }</style>"
    )
    assert count_words(html) == 2


def test_visible_text_keeps_inline_words_together_and_splits_blocks():
    assert visible_text("<h3>A</h3><p>b<em>c</em></p>").split() == ["A", "bc"]


def test_counts_each_chinese_character_and_japanese_kana_as_a_word():
    assert count_words("<p>她说你好</p>") == 4
    assert count_words("<p>東京タワーへ行く。</p>") == 8


def test_counts_korean_by_its_spaces():
    assert count_words("<p>사운드트랙 두 번째 시즌</p>") == 4


def test_mixed_scripts_add_up():
    assert count_words("<p>Soundtrack #2 is 配乐 in Chinese.</p>") == 7


def test_several_fragments_are_counted_together():
    assert count_words("<p>one two</p>", "", None, "<p>three</p>") == 3


@pytest.mark.parametrize(
    ("words", "minutes"),
    [
        (0, 1),
        (1, 1),
        (WORDS_PER_MINUTE, 1),
        (WORDS_PER_MINUTE + 1, 2),
        (1380, 6),
        (1381, 7),
    ],
)
def test_minutes_round_up_with_a_minimum_of_one(words, minutes):
    assert minutes_to_read(words) == minutes

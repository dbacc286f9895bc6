"""The pure parts of the importer: headlines, bodies, captions."""

import pytest

from importer import content, headlines


@pytest.mark.parametrize(
    ("title", "show", "season", "episode", "last", "subtitle", "finale"),
    [
        (
            "Moonlit Harbor Episode 4 Recap and Review: Rain",
            "Moonlit Harbor",
            None,
            4,
            None,
            "Rain",
            False,
        ),
        (
            "Moonlit Harbor Ep 3 Recap & Review - Night Shift",
            "Moonlit Harbor",
            None,
            3,
            None,
            "Night Shift",
            False,
        ),
        ("Moonlit Harbor Ep. 3 Review", "Moonlit Harbor", None, 3, None, "", False),
        (
            "Moonlit Harbor Episodes 3 & 4 Recap and Review: Two",
            "Moonlit Harbor",
            None,
            3,
            4,
            "Two",
            False,
        ),
        ("Moonlit Harbor Episodes 5-6 Recap: Dash", "Moonlit Harbor", None, 5, 6, "Dash", False),
        ("Starfall Season 2 Episode 5 Recap and Review: Up", "Starfall", 2, 5, None, "Up", False),
        (
            "Starfall Finale Recap and Review: The End",
            "Starfall",
            None,
            None,
            None,
            "The End",
            True,
        ),
        (
            "Starfall Episode 12 (Finale) Recap and Review: End",
            "Starfall",
            None,
            12,
            None,
            "End",
            True,
        ),
        ("사운드트랙 Episode 2 Recap and Review: 🎵", "사운드트랙", None, 2, None, "🎵", False),
    ],
)
def test_recap_headlines_name_show_and_episode(
    title, show, season, episode, last, subtitle, finale
):
    parsed = headlines.parse(title)
    assert parsed == headlines.Headline(show, season, episode, last, subtitle, finale)


@pytest.mark.parametrize(
    "title",
    ["Top 10 Harbour Towns on Screen", "Episode 0 Recap", "My Episode list", "", "Recap: a week"],
)
def test_other_headlines_are_not_recaps(title):
    assert headlines.parse(title) is None


def test_show_names_match_across_spellings():
    assert headlines.normalise("Soundtrack #2") == headlines.normalise("soundtrack-2")


def test_classic_editor_paragraphs_and_shortcodes_are_cleaned():
    html = 'One\nline\n\nTwo [gallery ids="1,2"]\n\n<!-- wp:more --><!--more-->'
    assert content.clean(html) == "<p>One<br>line</p>\n<p>Two</p>"


def test_captions_split_their_credit():
    assert content.split_caption("At the quay (Credit: Harbour Pictures)") == (
        "At the quay",
        "Harbour Pictures",
    )
    assert content.split_caption("At the quay | Image: Harbour+") == ("At the quay", "Harbour+")
    assert content.split_caption("At the quay") == ("At the quay", "")


def test_a_body_without_headings_is_all_recap():
    article = content.split("<p>Only prose.</p>")
    assert (article.intro, article.body) == ("", "<p>Only prose.</p>")


def test_prose_that_mentions_a_lead_role_once_is_kept():
    article = content.split(
        "<p>The drama, starring two newcomers in lead roles, follows a ferry.</p>"
        "<h2>X Episode 1 Recap</h2><p>Recap.</p>"
    )
    assert "ferry" in article.intro and not article.had_facts


def test_script_and_unknown_markup_are_sanitised():
    article = content.split(
        '<p onclick="x()">Hi<script>alert(1)</script><iframe src="https://evil"></iframe></p>'
    )
    assert article.body == "<p>Hi</p>"


def test_plain_text_drops_a_script_with_its_code_and_keeps_the_words():
    html = 'Nice <script>alert("x")</script>recap &amp; <b>more</b><style>b{}</style>'
    assert content.plain_text(html) == "Nice recap & more"

"""bench.load_run: the comments a run posted are found again in the database by their token."""

from bench.load_run import TOKEN


def test_the_token_of_each_comment_is_found_in_the_stored_text():
    text = "That ending was a gut punch and the music carried it. Ref bl0123456789ab."
    assert TOKEN.findall(text) == ["bl0123456789ab"]

"""Free slugs chosen in memory (importer.slugs)."""

from importer.slugs import unique_slug


def test_a_free_base_is_kept():
    assert unique_slug("harbor", {"other"}, 200) == "harbor"


def test_a_taken_base_gets_the_first_free_suffix():
    assert unique_slug("harbor", {"harbor", "harbor-2"}, 200) == "harbor-3"


def test_the_suffix_fits_within_the_length_by_shortening_the_base():
    base = "x" * 150
    taken = {base, "x" * 148 + "-2"}
    assert unique_slug(base, taken, 150) == "x" * 148 + "-3"

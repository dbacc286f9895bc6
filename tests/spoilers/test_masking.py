"""With a mark, every page that links a later episode's recap masks it; earlier episodes,
other shows, and readers who have seen it all see the links as everyone does."""

import pytest
from django.urls import reverse

from .conftest import html, post_mark


def masked(number, show_title=""):
    prefix = f"{show_title} " if show_title else ""
    return f"{prefix}Episode {number} — recap hidden until you've watched it"


@pytest.fixture
def titled(series):
    """Episode titles, which the episode guide shows (and must hide after the mark)."""
    for number, title in [(1, "Opening Number"), (3, "Third Song"), (5, "The Duet")]:
        series["show"].episodes.filter(number=number).update(title=title)
    return series


def test_home_masks_later_episodes_of_the_marked_show(client, series, watch):
    watch(series["show"], 2)
    page = html(client.get(reverse("recaps:home")))
    assert masked(3) in page and masked(5) in page
    for hidden in ["Chapter 3", "Chapter 5", "Hyun-seo and Soo-ho finally talk", "piano"]:
        assert hidden not in page
    assert "Soundtrack #2 Episode 1 Recap and Review: Chapter 1" in page
    assert "Soundtrack #2 Episode 2 Recap and Review: Chapter 2" in page
    # Another show is not concerned by this show's mark.
    assert "Youth of May Episode 2 Recap and Review: Letters" in page
    # The masked card still leads to the recap.
    assert f'href="{series["recaps"][5].get_absolute_url()}"' in page


def test_hub_guide_hides_titles_and_recap_links_after_the_mark(client, titled, watch):
    watch(titled["show"], 2)
    page = html(client.get(titled["show"].get_absolute_url()))
    assert "Opening Number" in page
    assert "Third Song" not in page and "The Duet" not in page
    assert page.count("Read the recap") == 2
    assert masked(3) in page and masked(5) in page
    assert "You've marked episode 2 as watched" in page
    # Later episodes without a recap keep their state, with their titles hidden.
    row_six = page.split('id="episode-6"')[1].split("</tr>")[0]
    assert "Not aired yet" in row_six or "Recap coming" in row_six


def test_tag_page_masks_a_later_recap(client, series, watch):
    watch(series["show"], 2)
    page = html(client.get(reverse("recaps:tag", args=["k-drama"])))
    assert masked(3) in page
    assert "Chapter 3" not in page and "piano" not in page


def test_search_results_mask_later_recaps(client, series, watch):
    watch(series["show"], 2)
    page = html(client.get(reverse("search:results"), {"q": "Soundtrack"}))
    assert masked(3, "Soundtrack #2") in page and masked(5, "Soundtrack #2") in page
    assert "Chapter 3" not in page and "Chapter 5" not in page
    assert "Hyun-seo and Soo-ho finally talk" not in page
    assert "Chapter 1" in page and "Chapter 2" in page


def test_also_read_and_next_episode_mask_later_recaps(client, series, watch):
    watch(series["show"], 2)
    page = html(client.get(series["recaps"][2].get_absolute_url()))
    also_read = page.split('id="also-read-heading"')[1].split("</section>")[0]
    assert masked(3, "Soundtrack #2") in also_read
    assert "Chapter 3" not in page
    # The neighbour before the mark and the other show's recap stay readable.
    assert "Soundtrack #2 Episode 1 Recap and Review: Chapter 1" in also_read
    assert "Youth of May Episode 2 Recap and Review: Letters" in also_read
    nav = page.split('class="episode-nav"')[1].split("</nav>")[0]
    assert "Soundtrack #2 Episode 1 Recap" in nav
    assert masked(3, "Soundtrack #2") in nav
    assert 'rel="next"' in nav


def test_editors_picks_of_later_episodes_are_masked(client, series, watch):
    series["recaps"][2].also_read.add(series["recaps"][5])
    watch(series["show"], 2)
    page = html(client.get(series["recaps"][2].get_absolute_url()))
    also_read = page.split('id="also-read-heading"')[1].split("</section>")[0]
    assert masked(5, "Soundtrack #2") in also_read
    assert "Chapter 5" not in page
    # The hub link has no episode: never masked.
    assert "All of Our Reviews of Soundtrack #2" in also_read


def test_person_page_masks_later_recaps(client, series, watch):
    watch(series["show"], 2)
    page = html(client.get(series["people"][0].get_absolute_url()))
    assert masked(3) in page and masked(5) in page
    assert "Chapter 3" not in page and "Chapter 5" not in page
    assert "Youth of May Episode 2 Recap and Review: Letters" in page


def test_seen_it_all_unmasks_everything(client, series, watch):
    watch(series["show"], 2)
    watch(series["show"], "all")
    for url in [
        reverse("recaps:home"),
        series["show"].get_absolute_url(),
        series["people"][0].get_absolute_url(),
        series["recaps"][5].get_absolute_url(),
    ]:
        page = html(client.get(url))
        assert "recap hidden" not in page, url
    hub = html(client.get(series["show"].get_absolute_url()))
    assert "You've marked every episode of Soundtrack #2 as watched" in hub
    assert "Chapter 5" in html(client.get(reverse("recaps:home")))


def test_forget_clears_the_mark(client, series, watch):
    watch(series["show"], 2)
    response = post_mark(client, series["show"], action="forget")
    assert response.status_code == 303
    assert response.cookies["watched"].value == ""
    page = html(client.get(reverse("recaps:home")))
    assert "recap hidden" not in page and "Chapter 5" in page


def test_a_mark_on_another_show_masks_nothing_here(client, series, watch):
    watch(series["earlier"], 1)
    page = html(client.get(reverse("recaps:home")))
    assert "Letters" not in page  # Youth of May episode 2 is after its mark
    assert "Chapter 5" in page and "Chapter 3" in page


def test_the_mark_at_the_last_episode_masks_nothing(client, series, watch):
    watch(series["show"], 6)
    assert "recap hidden" not in html(client.get(reverse("recaps:home")))

"""Drafts and future-scheduled recaps are invisible everywhere a reader can look."""

import pytest
from django.urls import reverse


@pytest.fixture
def pages(client, series):
    """Every public page that lists or links recaps, rendered once."""
    urls = [
        reverse("recaps:home"),
        series["show"].get_absolute_url(),
        reverse("recaps:tag", args=["k-drama"]),
        series["people"][0].get_absolute_url(),
        series["recap"].get_absolute_url(),  # Also Read and prev/next
        series["recaps"][5].get_absolute_url(),  # prev (4, draft) and next (6, future)
        series["other_recap"].get_absolute_url(),  # shared-cast Also Read the other way
        reverse("shows:list"),
    ]
    return {url: client.get(url).content.decode() for url in urls}


@pytest.mark.parametrize("which", ["draft", "future", "other_draft"])
def test_hidden_recap_url_is_404(client, series, which):
    assert client.get(series[which].get_absolute_url()).status_code == 404


@pytest.mark.parametrize("which", ["draft", "future", "other_draft"])
def test_hidden_recap_is_absent_from_every_page(pages, series, which):
    hidden = series[which]
    for url, html in pages.items():
        assert hidden.get_absolute_url() not in html, url
        assert hidden.subtitle not in html, url


def test_neighbours_of_hidden_recaps_are_plain_text(pages, series):
    html = pages[series["recaps"][5].get_absolute_url()]
    assert 'rel="prev"' not in html and 'rel="next"' not in html
    assert "Soundtrack #2 Episode 4 <span" in html
    assert "Soundtrack #2 Episode 6 <span" in html


def test_recap_becomes_visible_when_its_time_comes(client, series):
    from datetime import timedelta

    from django.utils import timezone

    future = series["future"]
    type(future).objects.filter(pk=future.pk).update(
        published_at=timezone.now() - timedelta(minutes=1)
    )
    assert client.get(future.get_absolute_url()).status_code == 200
    assert future.get_absolute_url() in client.get(reverse("recaps:home")).content.decode()

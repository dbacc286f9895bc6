"""The readers' average and count on the recap page and in the hub's episode guide."""

import re

import pytest
from django.urls import reverse

from demo.factories import make_episode, make_recap

from .conftest import add_votes, vote_url

pytestmark = pytest.mark.django_db


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def guide_row(html, number):
    return text_of(re.search(rf'<tr id="episode-{number}">(.*?)</tr>', html, re.S)[1])


def test_recap_page_shows_average_to_one_decimal_and_count(client, recap):
    add_votes(recap.episode, 8, 8, 7, 9, 7, 8, 9, 8, 7, 8, 8, 7)  # 94 / 12 = 7.83

    page = client.get(recap.get_absolute_url()).content.decode()

    assert "7.8 from 12 readers" in page


def test_recap_page_says_when_no_one_has_rated(client, recap):
    page = client.get(recap.get_absolute_url()).content.decode()
    assert "No reader ratings yet" in page


def test_one_reader_is_singular(client, recap):
    add_votes(recap.episode, 10)
    assert "10.0 from 1 reader<" in client.get(recap.get_absolute_url()).content.decode()


def test_votes_of_other_episodes_do_not_count(client, recap):
    other = make_episode(recap.episode.show, 2)
    add_votes(other, 1, 1, 1)
    add_votes(recap.episode, 9)

    assert "9.0 from 1 reader" in client.get(recap.get_absolute_url()).content.decode()


def test_the_form_offers_ten_labelled_buttons_in_a_fieldset(client, recap):
    page = client.get(recap.get_absolute_url()).content.decode()
    form = re.search(r'<form class="reader-rating__form".*?</form>', page, re.S)[0]

    assert f'action="{vote_url(recap.episode_id)}"' in form
    assert 'method="post"' in form
    assert "csrfmiddlewaretoken" not in form
    assert "<fieldset>" in form and "<legend>Rate this episode from 1" in form
    values = re.findall(r'<button[^>]*name="score" value="(\d+)"', form)
    assert values == [str(n) for n in range(1, 11)]
    assert '7<span class="visually-hidden"> out of 10</span>' in form


def test_the_rating_sits_after_the_verdict(client, recap):
    recap.verdict = "A lovely hour."
    recap.save()
    page = client.get(recap.get_absolute_url()).content.decode()
    assert page.index('id="verdict-heading"') < page.index('id="reader-rating-heading"')


def test_a_preview_has_no_rating_form(client, editor, show):
    draft = make_recap(make_episode(show, 4), published=False)
    client.force_login(editor)

    response = client.get(reverse("recaps:preview", args=[draft.pk]))

    assert response.status_code == 200
    assert 'id="reader-rating"' not in response.content.decode()


def test_hub_guide_shows_each_episode_rating(client, show, recap):
    second = make_recap(make_episode(show, 2))
    make_episode(show, 3)  # no recap yet
    add_votes(recap.episode, 6, 7)
    add_votes(make_episode(show, 3), 2)  # votes left from an unpublished recap stay hidden

    html = client.get(show.get_absolute_url()).content.decode()

    assert 'Readers<span class="visually-hidden">’ rating</span></th>' in html
    assert "6.5 from 2 readers" in guide_row(html, 1)
    assert "No reader ratings yet" in guide_row(html, 2)
    assert "from" not in guide_row(html, 3) and "No reader ratings" not in guide_row(html, 3)
    assert second.get_absolute_url() in guide_row_html(html, 2)


def guide_row_html(html, number):
    return re.search(rf'<tr id="episode-{number}">(.*?)</tr>', html, re.S)[1]


def test_hub_rows_have_a_cell_per_column(client, show, recap):
    html = client.get(show.get_absolute_url()).content.decode()
    headers = html.count('<th scope="col">')
    for number in range(1, show.planned_episode_count + 1):
        row = guide_row_html(html, number)
        assert row.count("<td") + row.count('<th scope="row">') == headers

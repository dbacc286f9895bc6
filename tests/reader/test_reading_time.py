"""The stored word count and the reading time readers see on recap pages and cards."""

import re
from datetime import timedelta
from importlib import import_module
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from demo import art
from demo.articles import RECAPS
from demo.bulk import build_large_dataset, many_recaps
from demo.data import html
from demo.factories import make_episode, make_recap, make_show
from recaps.models import Recap
from recaps.reading import count_words

pytestmark = pytest.mark.django_db


def words(count):
    return "<p>" + " ".join(["word"] * count) + "</p>"


@pytest.fixture
def show():
    return make_show(title="Soundtrack #2", slug="soundtrack-2")


def test_save_counts_the_intro_and_every_section_but_not_the_verdict(show):
    recap = make_recap(
        make_episode(show, 1),
        intro=words(10),
        body=words(100),
        bonus_track=words(20),
        review=words(70),
        verdict="Not counted at all.",
    )
    recap.refresh_from_db()
    assert recap.word_count == 200


def test_editing_a_section_recounts(show):
    recap = make_recap(make_episode(show, 1), intro="", body=words(5), review="")
    recap.body = words(500)
    recap.save()
    assert Recap.objects.get(pk=recap.pk).word_count == 500


def test_saving_only_a_section_still_recounts(show):
    recap = make_recap(make_episode(show, 1), intro="", body=words(5), review="")
    recap.review = words(300)
    recap.save(update_fields=["review"])
    assert Recap.objects.get(pk=recap.pk).word_count == 305


def test_saving_other_fields_leaves_the_count(show):
    recap = make_recap(make_episode(show, 1), intro="", body=words(40), review="")
    recap.verdict = "Still forty words."
    recap.save(update_fields=["verdict"])
    assert Recap.objects.get(pk=recap.pk).word_count == 40


def test_a_recap_loaded_for_lists_recounts_its_sections_when_saved(show):
    """`for_lists()` leaves the sections out; saving such a recap still counts them."""
    recap = make_recap(make_episode(show, 1), intro=words(3), body=words(30), review="")
    listed = Recap.objects.for_lists().get(pk=recap.pk)
    listed.intro = words(7)
    listed.save()
    assert Recap.objects.get(pk=recap.pk).word_count == 37


def test_bulk_created_recaps_are_counted(show, django_user_model):
    author = django_user_model.objects.create(username="bulk")
    [recap] = Recap.objects.bulk_create(
        [Recap(episode=make_episode(show, 1), author=author, slug="bulk", body=words(460))]
    )
    assert Recap.objects.get(pk=recap.pk).word_count == 460
    assert Recap.objects.get(pk=recap.pk).reading_minutes == 2


def test_the_reader_test_dataset_is_counted():
    dataset = build_large_dataset(shows=1, episodes=3, stills=1, tags=1, tags_per_recap=1)
    recap = Recap.objects.get(pk=dataset["recap"].pk)
    assert recap.word_count == recap.count_words() == 8


def test_the_feed_test_dataset_is_counted(django_user_model):
    author = django_user_model.objects.create(username="bulk")
    [recap] = many_recaps(1, author, shows=1, stills=1, tags=1)
    recap = Recap.objects.get(pk=recap.pk)
    assert recap.word_count == recap.count_words() == 14


def test_the_data_migration_counts_recaps_written_before_the_count(show):
    migration = import_module("recaps.migrations.0006_count_words_of_existing_recaps")
    recaps = [
        make_recap(make_episode(show, n), intro="", body=words(n * 100), review="")
        for n in (1, 2, 3)
    ]
    Recap.objects.update(word_count=0)
    migration.count_words_of_existing_recaps(apps, schema_editor=None)
    assert [Recap.objects.get(pk=recap.pk).word_count for recap in recaps] == [100, 200, 300]


def reading_times(html):
    return re.findall(r"(\d+) min read", html)


def test_recap_page_byline_shows_the_reading_time(client, show):
    recap = make_recap(make_episode(show, 1), intro=words(31), body=words(1350), review="")
    html = client.get(recap.get_absolute_url()).content.decode()
    byline = re.search(r'<p class="byline">.*?</p>', html, re.S).group()
    assert reading_times(byline) == ["7"]


def test_cards_on_lists_show_each_reading_time(client, show):
    now = timezone.now()
    for number, body, hours_ago in ((1, words(10), 2), (2, words(900), 1)):
        recap = make_recap(
            make_episode(show, number), body=body, when=now - timedelta(hours=hours_ago)
        )
        recap.tags.add("k-drama")
    for url in (reverse("recaps:home"), reverse("recaps:tag", args=["k-drama"])):
        html = client.get(url).content.decode()
        cards = re.findall(r'<p class="card__meta">.*?</p>', html, re.S)
        assert [reading_times(card) for card in cards] == [["4"], ["1"]], url


def test_search_results_show_the_reading_time(client, show):
    make_recap(make_episode(show, 1), subtitle="The lighthouse", body=words(700))
    html = client.get(reverse("search:results"), {"q": "lighthouse"}).content.decode()
    assert reading_times(html) == ["4"]


def test_the_demo_recaps_are_counted(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(art, "STILL_SIZE", (16, 9))
    monkeypatch.setattr(art, "POSTER_SIZE", (8, 12))
    monkeypatch.setattr(art, "PORTRAIT_SIZE", (6, 6))
    call_command("load_demo", force=True, stdout=StringIO())
    expected = {
        data.slug: count_words(*map(html, (data.intro, data.body, data.bonus_track, data.review)))
        for data in RECAPS
    }
    assert dict(Recap.objects.values_list("slug", "word_count")) == expected
    assert min(expected.values()) > 100


def test_the_bench_recaps_are_counted(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("bench_data", recaps=2, stdout=StringIO())
    recaps = list(Recap.objects.all())
    assert len(recaps) == 2
    assert all(recap.word_count == recap.count_words() > 800 for recap in recaps)

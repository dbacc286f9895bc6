"""Changelists cost a fixed number of queries however many rows there are: each page's rows
come with their show, episode, person or author joined into one query, every filter lists its
choices in one query, and nothing is fetched per row. Each budget below is the count measured
when the test was written, so any new query on these pages is a decision, not an accident."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from discussion.models import CommentSettings
from people.models import Credit, Person
from recaps.models import Recap
from shows.models import Episode, Show
from sitesettings.models import SiteSettings

START = datetime(2024, 1, 1, 20, tzinfo=UTC)

# Admin pages show uploads: each test keeps its media in a folder of its own.
pytestmark = pytest.mark.usefixtures("media_root")


def make_shows(count, start=0):
    return Show.objects.bulk_create(
        Show(title=f"Show {n}", slug=f"show-{n}", country="South Korea")
        for n in range(start, start + count)
    )


def make_episodes(shows, per_show):
    return Episode.objects.bulk_create(
        Episode(show=show, number=number, title=f"Episode title {number}")
        for show in shows
        for number in range(1, per_show + 1)
    )


def make_recaps(episodes, authors, count, start=0):
    recaps = (
        Recap(
            episode=episodes[n % len(episodes)],
            author=authors[n % len(authors)],
            subtitle=f"Recap number {n}",
            slug=f"recap-{n}",
            body=f"<p>What happened in recap {n}.</p>",
            status=Recap.Status.PUBLISHED if n % 3 else Recap.Status.DRAFT,
            published_at=START + timedelta(hours=n) if n % 3 else None,
        )
        for n in range(start, start + count)
    )
    Recap.objects.bulk_create(recaps, batch_size=2_000)


def make_people(count, start=0):
    return Person.objects.bulk_create(
        Person(name=f"Person {n}", slug=f"person-{n}") for n in range(start, start + count)
    )


def make_credits(people, shows):
    pairs = [(person, show) for person in people for show in shows]
    return Credit.objects.bulk_create(
        Credit(person=person, show=show, character_name=f"Role {n}", billing_order=n)
        for n, (person, show) in enumerate(pairs)
    )


def changelist_queries(client, assert_max_num_queries, url, budget):
    # The settings rows live in the cache between requests; count this page's own queries.
    SiteSettings.load()
    CommentSettings.load()
    with assert_max_num_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.context["cl"]


@pytest.fixture
def authors(editor):
    writers = get_user_model().objects.bulk_create(
        get_user_model()(username=f"writer{n}", is_staff=True) for n in range(4)
    )
    return [editor, *writers]


def test_recap_changelist_queries_stay_fixed_from_50_to_10000_recaps(
    editor_client, authors, django_assert_max_num_queries
):
    """8 queries for the recap list, plain, filtered by status and show, or searched by show
    title: session and user (2), the show and author filter choices (2), the paginator's count,
    the page of recaps with episode, show and author joined, and the date hierarchy's range and
    dates (2)."""
    budget = 8
    episodes = make_episodes(make_shows(5), per_show=16)
    base = reverse("admin:recaps_recap_changelist")
    urls = [
        base,
        f"{base}?status__exact=published&episode__show__id__exact={episodes[0].show_id}",
        f"{base}?q=%22Show+3%22",
    ]

    make_recaps(episodes, authors, 50)
    small = [
        changelist_queries(editor_client, django_assert_max_num_queries, url, budget)[0]
        for url in urls
    ]

    make_recaps(episodes, authors, 9_950, start=50)
    large = []
    for url in urls:
        queries, changelist = changelist_queries(
            editor_client, django_assert_max_num_queries, url, budget
        )
        assert len(changelist.result_list) == changelist.list_per_page
        large.append(queries)
    assert changelist.result_count == 2_000  # the search: every recap of one show in five
    assert large == small


def test_episode_changelist_queries_stay_fixed_from_50_to_500_episodes(
    editor_client, django_assert_max_num_queries
):
    """5 queries: session and user, the show filter's choices, the count, and the page of
    episodes with their show joined (every row's title names its show)."""
    url = reverse("admin:shows_episode_changelist")
    make_episodes(make_shows(5), per_show=10)
    small, _ = changelist_queries(editor_client, django_assert_max_num_queries, url, 5)
    make_episodes(make_shows(45, start=5), per_show=10)
    large, changelist = changelist_queries(editor_client, django_assert_max_num_queries, url, 5)
    assert changelist.result_count == 500
    assert large == small


def test_person_changelist_queries_stay_fixed_from_50_to_500_people(
    editor_client, django_assert_max_num_queries
):
    """4 queries: session and user, the count, and the page of people with their credit
    counts annotated."""
    url = reverse("admin:people_person_changelist")
    shows = make_shows(3)
    make_credits(make_people(50), shows)
    small, _ = changelist_queries(editor_client, django_assert_max_num_queries, url, 4)
    make_credits(make_people(450, start=50), shows)
    large, changelist = changelist_queries(editor_client, django_assert_max_num_queries, url, 4)
    assert changelist.result_count == 500
    assert {person.credit_total for person in changelist.result_list} == {3}
    assert large == small


def test_credit_changelist_queries_stay_fixed_from_50_to_600_credits(
    editor_client, django_assert_max_num_queries
):
    """5 queries: session and user, the show filter's choices, the count, and the page of
    credits with person and show joined."""
    url = reverse("admin:people_credit_changelist")
    shows = make_shows(2)
    make_credits(make_people(25), shows)
    small, _ = changelist_queries(editor_client, django_assert_max_num_queries, url, 5)
    make_credits(make_people(275, start=25), shows)
    large, changelist = changelist_queries(editor_client, django_assert_max_num_queries, url, 5)
    assert changelist.result_count == 600
    assert large == small


def test_show_changelist_queries_stay_fixed_from_5_to_300_shows(
    editor_client, django_assert_max_num_queries
):
    """8 queries: session and user, the platform and country filter choices, the count, the
    page of shows with episode counts annotated, and the date hierarchy's range and years."""
    url = reverse("admin:shows_show_changelist")
    make_episodes(make_shows(5), per_show=2)
    small, _ = changelist_queries(editor_client, django_assert_max_num_queries, url, 8)
    make_episodes(make_shows(295, start=5), per_show=2)
    large, changelist = changelist_queries(editor_client, django_assert_max_num_queries, url, 8)
    assert changelist.result_count == 300
    assert large == small

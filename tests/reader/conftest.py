from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from demo.factories import credit, make_episode, make_person, make_recap, make_show, make_still
from people.models import Credit
from recaps.models import Still


@pytest.fixture
def series(soundtrack, django_user_model):
    """Soundtrack #2 with cast, six episodes, and recaps: 1, 2, 3 and 5 published; 4 a draft;
    6 scheduled for tomorrow. Episode 3 has stills in every section, tags and editor's picks;
    another show sharing a lead has a published recap."""
    author = django_user_model.objects.create_user(
        username="mina", first_name="Mina", last_name="Park"
    )
    lead = make_person("Geum Sae-rok", description="Actor")
    second = make_person("Steve Noh", description="Actor")
    artist = make_person("Demian", description="K-pop artist")
    credit(lead, soundtrack, "Do Hyun-seo", Credit.Role.LEAD, 0)
    credit(second, soundtrack, "Kang Soo-ho", Credit.Role.LEAD, 1)
    credit(artist, soundtrack, "Choi Ji-wook", Credit.Role.SUPPORTING, 2)
    earlier = make_show(title="Youth of May", slug="youth-of-may")
    from datetime import date

    earlier.premiere_date = date(2021, 5, 3)
    earlier.save()
    credit(lead, earlier, "Kim Myung-hee", Credit.Role.SUPPORTING, 3)
    other_recap = make_recap(
        make_episode(earlier, 2), author=author, subtitle="Letters", slug="youth-of-may-2"
    )
    other_draft = make_recap(
        make_episode(earlier, 3), published=False, author=author, slug="youth-of-may-3-draft"
    )
    episodes = {n: make_episode(soundtrack, n) for n in range(1, 7)}
    now = timezone.now()
    recaps = {}
    for n in (1, 2, 3, 5):
        recaps[n] = make_recap(
            episodes[n],
            author=author,
            subtitle=f"Chapter {n}",
            slug=f"soundtrack-2-episode-{n}",
            when=now - timedelta(days=10 - n),
        )
    draft = make_recap(
        episodes[4], published=False, author=author, subtitle="Secret", slug="draft-four"
    )
    future = make_recap(
        episodes[6],
        author=author,
        subtitle="Tomorrow",
        slug="future-six",
        when=now + timedelta(days=1),
    )
    main = recaps[3]
    main.bonus_track = "<p>A voicemail after the credits.</p>"
    main.verdict = "A tender hour that earns its ending."
    main.rating = 8
    main.meta_description = "Hyun-seo and Soo-ho finally talk about the song."
    main.body = "<p>First.</p><p>Second.</p><p>Third.</p>"
    main.save()
    main.tags.add("k-drama", "Romance")
    main.also_read.add(recaps[1], draft, future)
    make_still(main, is_hero=True, caption="Hero caption", credit="Disney+")
    make_still(main, Still.Section.RECAP, caption="Recap still", order=1)
    make_still(main, Still.Section.BONUS_TRACK, caption="Bonus still", order=2)
    make_still(main, Still.Section.REVIEW, caption="Review still", order=3)
    for hidden in (draft, future):
        hidden.tags.add("k-drama")
    return {
        "show": soundtrack,
        "earlier": earlier,
        "author": author,
        "recaps": recaps,
        "recap": main,
        "draft": draft,
        "future": future,
        "other_recap": other_recap,
        "other_draft": other_draft,
        "people": [lead, second, artist],
    }


@pytest.fixture
def no_page_cache(settings):
    """The page cache off, and nothing kept: what a page keeps itself is what is tested."""
    settings.PAGE_CACHE_ENABLED = False
    cache.clear()


def html(response):
    assert response.status_code == 200
    return response.content.decode()

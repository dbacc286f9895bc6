"""/search/'s order: subtitle matches above body matches, stemmed matches marked in the excerpt,
and only the latest matches ranked when a word is in every recap."""

import re
from datetime import timedelta

from django.utils import timezone

from demo import bulk, factories
from search import query as search
from tests.search.helpers import found_slugs, results, with_full_text


@with_full_text
def test_subtitle_matches_rank_above_body_matches(client, soundtrack, author):
    body_only = factories.recap(soundtrack, 1, author, body="<p>A lighthouse in passing.</p>")
    headline = factories.recap(
        soundtrack,
        2,
        author,
        subtitle="The Lighthouse",
        published_at=timezone.now() - timedelta(days=30),
    )

    assert found_slugs(results(client, "lighthouse")) == [headline.slug, body_only.slug]


@with_full_text
def test_full_text_excerpt_marks_stemmed_matches_and_escapes_the_rest(client, soundtrack, author):
    factories.recap(
        soundtrack,
        1,
        author,
        body="<p>Eun-su kept &lt;i&gt;writing&lt;/i&gt; songs; she writes lyrics at night.</p>",
    )

    html = results(client, "write").content.decode()

    excerpt = re.search(r'<p class="search-excerpt">(.*?)</p>', html, re.S).group(1)
    assert "<mark>writes</mark>" in excerpt
    assert "&lt;i&gt;" in excerpt
    assert "<i>" not in excerpt


def test_a_word_in_every_recap_lists_the_best_of_the_latest_written_and_says_there_are_more(
    client, django_user_model, monkeypatch
):
    """Only the MAX_RESULTS + 1 matches written last are ranked, the best MAX_RESULTS listed
    (here 5 of 7)."""
    monkeypatch.setattr(search, "MAX_RESULTS", 5)
    author = django_user_model.objects.create_user(username="bulk", password="x")
    made = bulk.many_recaps(7, author)

    response = results(client, "piano")

    assert response.context["paginator"].count == 5
    assert response.context["more_recaps"]
    assert "5+ recaps" in response.content.decode()
    latest = sorted(made, key=lambda recap: recap.pk, reverse=True)[:6]
    assert set(found_slugs(response)) < {recap.slug for recap in latest}

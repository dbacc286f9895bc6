"""One rule says which comments readers see and count (discussion.threads.public): the recap's
threads, its count and the count on every list agree, whatever the moderation status."""

import pytest
from django.urls import reverse

from discussion.models import Moderation
from discussion.threads import public, public_comments, with_comment_count
from recaps.models import Recap

from .conftest import make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(recap):
    shown = [make_comment(recap, user_email=f"r{n}@example.com") for n in range(2)]
    for status in (Moderation.Status.HELD, Moderation.Status.SPAM, Moderation.Status.REMOVED):
        make_comment(recap, status=status)
    return shown


def test_only_approved_comments_are_public(recap, mixed):
    from django_comments_xtd.models import XtdComment

    assert set(public(XtdComment.norel_objects.all())) == set(mixed)
    assert set(public_comments(recap)) == set(mixed)


def test_the_list_count_follows_the_same_rule(recap, mixed):
    assert with_comment_count(Recap.objects.filter(pk=recap.pk)).get().comment_count == 2


def test_a_recap_without_comments_counts_zero(recap):
    assert with_comment_count(Recap.objects.filter(pk=recap.pk)).get().comment_count == 0


def test_the_recap_page_home_and_hub_show_the_same_count(client, recap, mixed):
    assert "2 comments<" in client.get(recap.get_absolute_url()).content.decode()
    assert "2 comments</a>" in client.get(reverse("recaps:home")).content.decode()
    assert "2 comments<span" in client.get(recap.episode.show.get_absolute_url()).content.decode()

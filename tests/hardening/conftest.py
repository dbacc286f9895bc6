import pytest
from django.contrib.auth.models import Group
from django.template import Template
from django.test.utils import _TestState
from model_bakery import baker

from demo.factories import (
    credit,
    make_episode,
    make_person,
    make_recap,
    make_show,
    make_still,
)
from tests.discussion.conftest import make_comment

ROLES = ("Writers", "Editors", "Moderators")


@pytest.fixture
def site_content(db, settings, tmp_path):
    """One row of every kind the admin edits (a show that follows another, episodes, a person
    and a credit, a published recap with a hero still and a tag and a comment, the writer's
    draft with its discussion closed, a vote), small enough for thousands of posts."""
    from discussion.models import CommentSettings, RecapDiscussion
    from ratings.models import EpisodeVote
    from sitesettings.models import SiteSettings

    settings.MEDIA_ROOT = tmp_path
    earlier = make_show(title="Soundtrack #1", slug="soundtrack-1")
    show = make_show(title="Soundtrack #2", slug="soundtrack-2", follows=earlier)
    show.platforms.add(baker.make("shows.Platform", name="Disney+", slug="disney-plus"))
    credit(make_person("Geum Sae-rok"), show, character="Do Hyeon-seo", order=1)
    recap = make_recap(make_episode(show, 1), slug="soundtrack-2-episode-1")
    make_still(recap, is_hero=True)
    recap.tags.add("k-drama")
    draft = make_recap(make_episode(show, 2), published=False, slug="soundtrack-2-episode-2")
    recap.comment = make_comment(recap)
    EpisodeVote.objects.create(episode=recap.episode, score=8)
    RecapDiscussion.objects.create(recap=draft, reason="Closed after spoilers.")
    SiteSettings.objects.get_or_create(pk=SiteSettings.SINGLETON_PK)
    CommentSettings.objects.get_or_create(pk=CommentSettings.SINGLETON_PK)
    return recap


@pytest.fixture
def role_users(db, django_user_model):
    """One staff account in each role group the migrations create."""
    users = {}
    for name in ROLES:
        user = django_user_model.objects.create_user(
            username=name.lower(), password="correct horse battery", is_staff=True
        )
        user.groups.add(Group.objects.get(name=name))
        users[name] = user
    return users


@pytest.fixture
def uninstrumented_templates():
    """Thousands of admin pages render faster without the test runner copying every
    template's context into the response (the sweep reads errors from the HTML instead) and
    without the navigation sidebar, the same on every page."""
    from django.contrib import admin

    instrumented = Template._render
    Template._render = _TestState.saved_data.template_render
    admin.site.enable_nav_sidebar = False
    yield
    Template._render = instrumented
    admin.site.enable_nav_sidebar = True

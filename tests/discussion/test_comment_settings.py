"""The comment moderation values live in discussion.CommentSettings: moved there from the site
settings by a migration that keeps them, edited in the admin, read by the rules, and purging
the pages they change."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from discussion.models import CommentSettings
from discussion.moderation import closed_reason, policy_from

from .conftest import form_data

BEFORE = [("discussion", "0003_comment_settings"), ("sitesettings", "0002_comment_moderation")]
AFTER = [
    ("discussion", "0004_copy_comment_settings"),
    ("sitesettings", "0003_remove_comment_moderation"),
]
VALUES = {
    "hold_max_links": 7,
    "moderation_words": "spoiler\nleak",
    "block_words": "casino",
    "block_emails": "@spam.test",
    "block_ips": "203.0.113.0/24",
    "min_seconds": 9,
    "rate_per_minute": 11,
    "close_after_days": 0,
}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_the_values_and_moves_them_back():
    try:
        old_apps = migrate(BEFORE)
        OldSiteSettings = old_apps.get_model("sitesettings", "SiteSettings")
        OldSiteSettings.objects.create(
            pk=1, site_name="Recap Club", **{f"comment_{name}": v for name, v in VALUES.items()}
        )
        # The models as of AFTER: later migrations add fields the tables do not have yet.
        new_apps = migrate(AFTER)
        moved = new_apps.get_model("discussion", "CommentSettings").objects.get()
        assert {name: getattr(moved, name) for name in VALUES} == VALUES
        assert new_apps.get_model("sitesettings", "SiteSettings").objects.get().site_name == (
            "Recap Club"
        )

        new_apps.get_model("discussion", "CommentSettings").objects.update(
            block_words="lottery", min_seconds=4
        )
        old_apps = migrate(BEFORE)
        back = old_apps.get_model("sitesettings", "SiteSettings").objects.get()
        assert back.site_name == "Recap Club"
        assert back.comment_block_words == "lottery"
        assert back.comment_min_seconds == 4
        assert back.comment_hold_max_links == 7
    finally:
        latest()


@pytest.mark.django_db(transaction=True)
def test_the_migration_leaves_defaults_when_the_site_settings_were_never_saved():
    try:
        migrate(BEFORE)
        migrate(AFTER)
        assert not CommentSettings.objects.exists()
        assert CommentSettings.load().close_after_days == 30
    finally:
        latest()


@pytest.mark.django_db
def test_an_editor_changes_the_values_in_the_admin_and_the_rules_read_them(admin_client):
    changelist = reverse("admin:discussion_commentsettings_changelist")
    add = admin_client.get(changelist)
    assert add.url == reverse("admin:discussion_commentsettings_add")
    response = admin_client.post(add.url, {**VALUES, "close_after_days": 5})
    assert response.status_code == 302
    policy = policy_from(CommentSettings.load())
    assert policy.max_links == 7
    assert policy.moderation_words == ["spoiler", "leak"]
    assert policy.block_words == ["casino"]
    assert policy.block_emails == ["@spam.test"]
    assert policy.block_ips == ["203.0.113.0/24"]
    assert policy.min_seconds == 9
    form = admin_client.get(admin_client.get(changelist).url).content.decode()
    assert "Close comments after (days)" in form
    assert 'name="close_after_days" value="5"' in form


def test_closing_after_days_comes_from_the_comment_settings(recap):
    recap.published_at = timezone.now() - timedelta(days=10)
    assert closed_reason(recap) == ""
    CommentSettings.objects.create(close_after_days=5)
    assert closed_reason(recap) == "Comments close 5 days after a recap is published."


def test_the_rate_limit_comes_from_the_comment_settings(recap, post):
    CommentSettings.objects.create(rate_per_minute=1)
    assert post(form_data(recap)).status_code == 302
    refused = post(form_data(recap, comment="Again"))
    assert refused.status_code == 429
    assert b"1 comment" in refused.content


def test_changing_the_settings_updates_a_kept_recap_page(client, recap):
    recap.published_at = timezone.now() - timedelta(days=10)
    recap.save()
    url = recap.get_absolute_url()
    client.get(url)
    kept = client.get(url)
    assert kept["X-Page-Cache"] == "hit"
    assert b"Comments close" not in kept.content
    CommentSettings.objects.create(close_after_days=5)
    assert b"Comments close 5 days" in client.get(url).content

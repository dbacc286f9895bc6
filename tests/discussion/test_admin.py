"""The moderation queue and who may use it: anonymous, reader, moderator, editor."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from discussion.models import Moderation

from .conftest import make_comment

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:django_comments_xtd_xtdcomment_changelist")


def group_with_comment_perms(name):
    group, _ = Group.objects.get_or_create(name=name)
    return group


@pytest.fixture
def people(django_user_model):
    reader = django_user_model.objects.create_user("reader", password="pw")
    moderator = django_user_model.objects.create_user("mod", password="pw", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    editor = django_user_model.objects.create_user("ed", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    return {"anonymous": None, "reader": reader, "moderator": moderator, "editor": editor}


def as_(client, user):
    if user:
        client.force_login(user)
    return client


def act(client, action, comments):
    return client.post(
        QUEUE, {"action": action, "_selected_action": [c.pk for c in comments]}, follow=False
    )


@pytest.mark.parametrize(
    ("who", "queue", "recap_edit"),
    [("anonymous", 302, 302), ("reader", 302, 302), ("moderator", 200, 403), ("editor", 200, None)],
)
def test_permission_matrix_for_queue_and_recaps(client, people, recap, who, queue, recap_edit):
    client = as_(client, people[who])
    assert client.get(QUEUE).status_code == queue
    if recap_edit is not None:
        url = reverse("admin:recaps_recap_change", args=[recap.pk])
        assert client.get(url).status_code == recap_edit


@pytest.mark.parametrize("who", ["anonymous", "reader"])
def test_outsiders_cannot_approve(client, people, recap, who):
    held = make_comment(recap, status=Moderation.Status.HELD)
    act(as_(client, people[who]), "approve", [held])
    held.refresh_from_db()
    assert not held.is_public


@pytest.mark.parametrize("who", ["moderator", "editor"])
def test_moderators_and_editors_approve_in_bulk(client, people, recap, who):
    held = [make_comment(recap, status=Moderation.Status.HELD) for _ in range(3)]
    response = act(as_(client, people[who]), "approve", held)
    assert response.status_code == 302
    assert XtdComment.objects.filter(is_public=True, is_removed=False).count() == 3
    assert set(Moderation.objects.values_list("status", flat=True)) == {"approved"}


def test_mark_spam_hides_and_restore_brings_back(client, people, recap):
    comment = make_comment(recap, comment="Borderline")
    client = as_(client, people["moderator"])
    act(client, "mark_spam", [comment])
    assert b"Borderline" not in client.get(recap.get_absolute_url()).content
    comment.refresh_from_db()
    assert comment.moderation.status == "spam"
    act(client, "restore", [comment])
    assert b"Borderline" in client.get(recap.get_absolute_url()).content


def test_remove_hides_the_comment(client, people, recap):
    comment = make_comment(recap, comment="Rude words")
    act(as_(client, people["moderator"]), "remove", [comment])
    comment.refresh_from_db()
    assert (comment.is_public, comment.is_removed) == (False, True)
    assert comment.moderation.status == "removed"


def test_queue_lists_held_first_with_the_columns(client, people, recap):
    make_comment(recap, comment="Old approved one", user_email="a@example.com")
    make_comment(recap, status=Moderation.Status.HELD, comment="Needs a look")
    page = as_(client, people["moderator"]).get(QUEUE).content.decode()
    assert page.index("Needs a look") < page.index("Old approved one")
    for column in ("excerpt", "recap", "user_name", "user_email", "ip_address", "status"):
        assert f"column-{column}" in page


def test_queue_filters_by_status_and_show_and_searches(client, people, recap):
    make_comment(recap, status=Moderation.Status.HELD, comment="Held text")
    make_comment(recap, comment="Approved text")
    client = as_(client, people["moderator"])
    held = client.get(QUEUE + "?status=held").content
    assert b"Held text" in held and b"Approved text" not in held
    by_show = client.get(QUEUE + f"?show={recap.episode.show.slug}").content
    assert b"Held text" in by_show
    assert b"Held text" not in client.get(QUEUE + "?show=nothing").content
    assert b"Approved text" in client.get(QUEUE + "?q=Approved").content


def test_queue_is_a_fixed_number_of_queries(client, people, recap, django_assert_max_num_queries):
    for n in range(60):
        make_comment(recap, comment=f"Comment {n}")
    client = as_(client, people["moderator"])
    with django_assert_max_num_queries(12):
        assert client.get(QUEUE).status_code == 200


def test_reply_as_the_site_publishes_an_approved_reply(client, people, recap):
    comment = make_comment(recap)
    client = as_(client, people["moderator"])
    url = reverse("admin:discussion_reply", args=[comment.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"comment": "Thanks for reading!"})
    reply = XtdComment.objects.get(parent_id=comment.pk, level=1)
    assert reply.is_public and reply.user_name == "Episodic"
    assert b"Thanks for reading!" in client.get(recap.get_absolute_url()).content


def test_reader_cannot_reply_as_the_site(client, people, recap):
    comment = make_comment(recap)
    url = reverse("admin:discussion_reply", args=[comment.pk])
    as_(client, people["reader"]).post(url, {"comment": "Impostor"})
    assert not XtdComment.objects.filter(comment="Impostor").exists()


def test_admin_index_shows_the_number_of_held_comments(client, people, recap):
    for _ in range(2):
        make_comment(recap, status=Moderation.Status.HELD)
    page = as_(client, people["moderator"]).get(reverse("admin:index")).content.decode()
    assert "<strong>2</strong> comments awaiting moderation" in page


def test_moderators_group_has_comment_permissions_only():
    codenames = set(
        Group.objects.get(name="Moderators").permissions.values_list(
            "content_type__app_label", flat=True
        )
    )
    assert codenames == {"django_comments_xtd", "discussion"}


def test_granting_the_roles_again_changes_nothing_and_keeps_other_editor_permissions():
    from core.roles import grant_roles

    editors = Group.objects.get(name="Editors")
    other = Permission.objects.get(codename="change_recap")
    editors.permissions.add(other)
    before = set(editors.permissions.all())
    grant_roles()
    assert set(editors.permissions.all()) == before
    assert Group.objects.filter(name__in=["Moderators", "Editors"]).count() == 2

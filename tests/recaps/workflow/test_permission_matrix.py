"""Every role × every workflow action, over HTTP, as a browser (or a forger) would send it.

Allowed: a 200 or a redirect, and the effect is in the database. Forbidden: a 403 (or the
admin's login redirect for someone not logged in), and nothing changed. The closing note of
issue 6 prints this table."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from recaps.models import Recap, RecapTransition
from tests.admin_forms import form_data
from tests.recaps.workflow.conftest import client_for, make_ready_recap, published

ROLES = ["writer", "editor", "moderator", "anonymous"]
ADD_URL = reverse("admin:recaps_recap_add")


def change_url(recap):
    return reverse("admin:recaps_recap_change", args=[recap.pk])


def move_url(recap, name):
    return reverse("admin:recaps_recap_transition", args=[recap.pk, name])


def snapshot(recap):
    recap = Recap.objects.filter(pk=recap.pk).first()
    return recap and (recap.subtitle, recap.status, recap.published_at, recap.author_id)


def edit(client, recap, **changes):
    data = form_data(client.get(change_url(recap)))
    data.update(changes)
    return client.post(change_url(recap), data)


class Scene:
    """The recaps an action is tried on, authored by the acting user ("own") or by another
    writer ("others")."""

    def __init__(self, users, episodes, actor):
        self.actor = actor
        self.other = users["other_writer"]
        self.owner = actor if actor is not None else self.other
        self.episodes = episodes

    def draft(self, own=True, status=Recap.Status.DRAFT):
        author = self.owner if own and self.actor else self.other
        return make_ready_recap(self.episodes[4], author, status=status)

    def live(self, own=True):
        author = self.owner if own and self.actor else self.other
        return published(self.episodes[4], author)


def act_create(client, scene):
    before = Recap.objects.count()
    response = client.get(ADD_URL)
    if response.status_code != 200:
        return response, lambda: Recap.objects.count() == before + 1
    data = form_data(response)
    data.update(episode=str(scene.episodes[3].pk), subtitle="Brand new", slug="brand-new")
    response = client.post(ADD_URL, data)
    return response, lambda: Recap.objects.filter(slug="brand-new", author=scene.actor).exists()


def _edit(scene, recap, client):
    if client.get(change_url(recap)).status_code != 200:
        response = client.post(change_url(recap), {"subtitle": "Edited"})
    else:
        response = edit(client, recap, subtitle="Edited")
    return response, lambda: Recap.objects.get(pk=recap.pk).subtitle == "Edited"


def act_edit_own_draft(client, scene):
    return _edit(scene, scene.draft(own=True), client)


def act_edit_others_draft(client, scene):
    return _edit(scene, scene.draft(own=False), client)


def act_submit(client, scene):
    recap = scene.draft(own=True)
    response = client.post(move_url(recap, "submit"))
    return response, lambda: Recap.objects.get(pk=recap.pk).status == Recap.Status.IN_REVIEW


def act_publish(client, scene):
    # A writer tries it on their own recap in review, an editor on a writer's.
    recap = scene.draft(own=scene.actor is not None and not _is_editor(scene), status="in_review")
    response = client.post(move_url(recap, "publish"))
    return response, lambda: Recap.objects.get(pk=recap.pk).is_published


def act_forge_publish_in_form(client, scene):
    """The recap form posted with status=published and a time, as a forger would."""
    recap = scene.draft(own=scene.actor is not None and not _is_editor(scene))
    data = {}
    page = client.get(change_url(recap))
    if page.status_code == 200:
        data = form_data(page)
    now = timezone.localtime()
    data.update(
        status="published",
        published_at_0=now.strftime("%d/%m/%Y"),
        published_at_1=now.strftime("%H:%M:%S"),
        confirm_warnings="on",
    )
    response = client.post(change_url(recap), data)
    return response, lambda: Recap.objects.get(pk=recap.pk).status == Recap.Status.PUBLISHED


def act_schedule(client, scene):
    recap = scene.draft(own=scene.actor is not None and not _is_editor(scene), status="in_review")
    when = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    response = client.post(
        move_url(recap, "schedule"), {"publish_time": when.strftime("%Y-%m-%dT%H:%M")}
    )
    return response, lambda: Recap.objects.get(pk=recap.pk).state == Recap.State.SCHEDULED


def act_unpublish(client, scene):
    recap = scene.live(own=scene.actor is not None and not _is_editor(scene))
    response = client.post(move_url(recap, "unpublish"))
    return response, lambda: Recap.objects.get(pk=recap.pk).status == Recap.Status.UNPUBLISHED


def _delete(client, recap):
    url = reverse("admin:recaps_recap_delete", args=[recap.pk])
    response = client.post(url, {"post": "yes"})
    return response, lambda: not Recap.objects.filter(pk=recap.pk).exists()


def act_delete_own_draft(client, scene):
    return _delete(client, scene.draft(own=True))


def act_delete_others(client, scene):
    return _delete(client, scene.draft(own=False))


def act_preview_own(client, scene):
    recap = scene.draft(own=True)
    response = client.get(reverse("recaps:preview", args=[recap.pk]))
    return response, lambda: response.status_code == 200 and recap.subtitle in response.text


def act_preview_others(client, scene):
    recap = scene.draft(own=False)
    response = client.get(reverse("recaps:preview", args=[recap.pk]))
    return response, lambda: response.status_code == 200 and recap.subtitle in response.text


def _revert(client, recap):
    first = Version.objects.get_for_object(recap).last()
    recap.subtitle = "A later subtitle"
    recap.save()
    url = reverse("admin:recaps_recap_revision", args=[recap.pk, first.pk])
    page = client.get(url)
    data = form_data(page) if page.status_code == 200 else {"subtitle": "x"}
    response = client.post(url, data)
    return response, lambda: Recap.objects.get(pk=recap.pk).subtitle != "A later subtitle"


def act_revert_own_draft(client, scene):
    return _revert(client, scene.draft(own=True))


def act_revert_others(client, scene):
    return _revert(client, scene.draft(own=False))


def _is_editor(scene):
    return scene.actor is not None and scene.actor.groups.filter(name="Editors").exists()


A, F = "allowed", "forbidden"
#: Only editors, for actions a logged-out visitor is also tried on.
EDITORS_ONLY = {"writer": F, "editor": A, "moderator": F, "anonymous": F}
#: action: {role: expected}. Own/others' are relative to the acting user.
MATRIX = {
    "create": (act_create, {"writer": A, "editor": A, "moderator": F, "anonymous": F}),
    "edit own draft": (act_edit_own_draft, {"writer": A, "editor": A, "moderator": F}),
    "edit others' draft": (
        act_edit_others_draft,
        EDITORS_ONLY,
    ),
    "submit for review": (act_submit, {"writer": A, "editor": A, "moderator": F}),
    "publish (button)": (act_publish, EDITORS_ONLY),
    "publish (forged form)": (
        act_forge_publish_in_form,
        EDITORS_ONLY,
    ),
    "schedule": (act_schedule, EDITORS_ONLY),
    "unpublish": (act_unpublish, EDITORS_ONLY),
    "delete own draft": (act_delete_own_draft, {"writer": A, "editor": A, "moderator": F}),
    "delete others'": (act_delete_others, EDITORS_ONLY),
    "preview own": (act_preview_own, {"writer": A, "editor": A, "moderator": F}),
    "preview others'": (
        act_preview_others,
        EDITORS_ONLY,
    ),
    "revert own draft": (act_revert_own_draft, {"writer": A, "editor": A, "moderator": F}),
    "revert others'": (act_revert_others, EDITORS_ONLY),
}
CASES = [
    pytest.param(action, role, expected, id=f"{role}-{action}")
    for action, (_, expectations) in MATRIX.items()
    for role, expected in expectations.items()
]


@pytest.mark.parametrize(("action", "role", "expected"), CASES)
def test_permission_matrix(client, users, episodes, action, role, expected):
    actor = users.get(role)
    scene = Scene(users, episodes, actor)
    act, _ = MATRIX[action]
    client_for(client, actor)
    transitions_before = RecapTransition.objects.count()
    response, happened = act(client, scene)
    if expected == A:
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert "/login/" not in response["Location"]
        assert happened(), f"{role} could not {action}"
    else:
        if actor is None and response.status_code == 302:
            assert "/admin/login/" in response["Location"]
        else:
            assert response.status_code == 403, response.status_code
        assert not happened(), f"{role} managed to {action}"
        assert RecapTransition.objects.count() == transitions_before

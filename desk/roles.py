"""The desk's permissions for the editorial roles, kept in step on every `migrate` (and after a
test database is flushed) as `recaps.roles` keeps the roles: writers see the desk; editors
also assign, skip, and set each show's plan. Only adds, so other apps' grants stay."""

from recaps.roles import EDITORS, WRITERS

GRANTS = {
    WRITERS: ["view_assignment"],
    EDITORS: [
        "view_assignment",
        "assign_episode",
        "view_showplan",
        "add_showplan",
        "change_showplan",
        "delete_showplan",
    ],
}


def grant_desk_permissions(**kwargs):
    from django.contrib.auth.models import Group, Permission

    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="desk", codename__in=codenames)
        )

"""The editorial roles as auth groups, kept in step with the code on every `migrate`.

`ensure_roles()` runs on `post_migrate` (after the permissions of shows, people, taggit and
recaps exist, again once sitesettings' and axes' do, and after a test database is flushed). It
only adds: permissions another app gives these groups (the comment permissions of "Editors")
are left alone, whichever app migrates first. "Moderators" belongs to the comments side and is
not created here.

Chief editors are editors who also look after what the staff share: the site settings, and
unlocking a colleague the login lockout holds (axes' access attempts). They, and superusers,
must log in with a second factor when EPISODIC_REQUIRE_TWO_FACTOR is on (accounts.policy).
"""

WRITERS = "Writers"
EDITORS = "Editors"
CHIEF_EDITORS = "Chief editors"

#: (app label, codenames). Writers see the catalogue to pick an episode, and write recaps and
#: stills; `recaps.workflow` limits them to their own recaps until published.
WRITER_PERMISSIONS = [
    ("shows", ["view_platform", "view_show", "view_episode"]),
    ("people", ["view_person", "view_credit"]),
    ("taggit", ["view_tag"]),
    ("recaps", ["add_recap", "change_recap", "view_recap", "delete_recap"]),
    ("recaps", ["add_still", "change_still", "view_still", "delete_still"]),
]
ACTIONS = ["add", "change", "delete", "view"]
EDITOR_MODELS = [
    ("shows", ["platform", "show", "episode"]),
    ("people", ["person", "credit"]),
    ("recaps", ["recap", "still", "taggedrecap", "recaptransition", "recapslugredirect"]),
    ("taggit", ["tag", "taggeditem"]),
]
EDITOR_PERMISSIONS = [
    *(
        (app, [f"{action}_{model}" for model in models for action in ACTIONS])
        for app, models in EDITOR_MODELS
    ),
    ("recaps", ["review_recap", "publish_recap"]),
]

CHIEF_EDITOR_PERMISSIONS = [
    ("sitesettings", ["view_sitesettings", "change_sitesettings"]),
    ("axes", ["view_accessattempt", "delete_accessattempt"]),
]


def _permissions(spec):
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    query = Q(pk__in=[])
    for app_label, codenames in spec:
        query |= Q(content_type__app_label=app_label, codename__in=codenames)
    return list(Permission.objects.filter(query))


def ensure_roles(**kwargs):
    from django.contrib.auth.models import Group

    for name, spec in (
        (WRITERS, WRITER_PERMISSIONS),
        (EDITORS, EDITOR_PERMISSIONS),
        (CHIEF_EDITORS, CHIEF_EDITOR_PERMISSIONS),
    ):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(spec))
    # Chief editors may do whatever editors may, what other apps give editors included (the
    # last run, after axes has migrated, comes after theirs).
    editors = Group.objects.get(name=EDITORS).permissions.all()
    Group.objects.get(name=CHIEF_EDITORS).permissions.add(*editors)

"""The editorial roles and what recaps grants them (granted by core.roles on every `migrate`,
with what other apps declare: the comment permissions of "Editors", the desk's...). "Moderators"
belongs to the comments side (discussion).

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

GRANTS = {
    WRITERS: WRITER_PERMISSIONS,
    EDITORS: EDITOR_PERMISSIONS,
    CHIEF_EDITORS: CHIEF_EDITOR_PERMISSIONS,
}
# Chief editors may do whatever editors may, what other apps give editors included.
INCLUDES = {CHIEF_EDITORS: EDITORS}

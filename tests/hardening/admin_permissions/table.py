"""Who may use each admin action and each view an admin adds. The roles are the groups the
migrations keep (Writers, Editors, Moderators), "chief": a staff account holding every
permission of the site without being a superuser (no group gives that yet; it shows that
nothing leans on the superuser flag), and a superuser."""

W, E, M, C, S = ROLES = ("writer", "editor", "moderator", "chief", "superuser")


NOBODY = frozenset()


STAFF_MANAGERS = frozenset({C, S})


EDITORS = frozenset({E, C, S})


MODERATION = frozenset({E, M, C, S})


WRITING = frozenset({W, E, C, S})


#: (model, action name or URL name) → the roles that may use it.
PERMISSIONS = {
    # Actions on each model's list.
    # API keys: only those who manage the site (no group is given them).
    ("api.apikey", "delete_selected"): STAFF_MANAGERS,
    ("auth.group", "delete_selected"): STAFF_MANAGERS,
    ("auth.user", "delete_selected"): STAFF_MANAGERS,
    ("auth.user", "reset_second_factors"): frozenset({S}),
    ("django_otp_webauthn.webauthncredential", "delete_selected"): STAFF_MANAGERS,
    ("otp_static.staticdevice", "delete_selected"): STAFF_MANAGERS,
    ("otp_totp.totpdevice", "delete_selected"): STAFF_MANAGERS,
    ("axes.accessattempt", "cleanup_expired_attempts"): STAFF_MANAGERS,
    ("axes.accessattempt", "delete_selected"): STAFF_MANAGERS,
    ("axes.accessfailurelog", "delete_selected"): STAFF_MANAGERS,
    ("axes.accesslog", "delete_selected"): STAFF_MANAGERS,
    ("desk.assignment", "delete_selected"): STAFF_MANAGERS,
    ("desk.showplan", "delete_selected"): EDITORS,
    ("discussion.commentsettings", "delete_selected"): NOBODY,
    ("discussion.recapdiscussion", "delete_selected"): MODERATION,
    ("django_comments_xtd.xtdcomment", "approve"): MODERATION,
    ("django_comments_xtd.xtdcomment", "delete_selected"): STAFF_MANAGERS,
    ("django_comments_xtd.xtdcomment", "mark_spam"): MODERATION,
    ("django_comments_xtd.xtdcomment", "remove"): MODERATION,
    ("django_comments_xtd.xtdcomment", "restore"): MODERATION,
    ("django_tasks_database.dbtaskresult", "delete_selected"): NOBODY,
    ("fediverse.blockeddomain", "delete_selected"): STAFF_MANAGERS,
    ("fediverse.delivery", "delete_selected"): NOBODY,
    ("fediverse.follower", "delete_selected"): STAFF_MANAGERS,
    ("fediverse.receivedactivity", "delete_selected"): NOBODY,
    ("fediverse.remoteactor", "delete_selected"): STAFF_MANAGERS,
    ("embeds.embed", "delete_selected"): NOBODY,
    ("follows.delivery", "delete_selected"): NOBODY,
    ("follows.follower", "delete_selected"): STAFF_MANAGERS,
    ("follows.suppression", "delete_selected"): STAFF_MANAGERS,
    ("importer.importrun", "delete_selected"): STAFF_MANAGERS,
    ("importer.wordpressorigin", "delete_selected"): STAFF_MANAGERS,
    ("people.credit", "delete_selected"): EDITORS,
    ("people.person", "delete_selected"): EDITORS,
    ("ratings.episodevote", "clear_episode_ratings"): EDITORS,
    ("ratings.episodevote", "delete_selected"): EDITORS,
    ("readership.dailyviews", "delete_selected"): NOBODY,
    ("recaps.recap", "delete_selected"): WRITING,
    ("redirects.redirect", "delete_selected"): STAFF_MANAGERS,
    ("shows.episode", "delete_selected"): EDITORS,
    ("shows.platform", "delete_selected"): EDITORS,
    ("shows.show", "delete_selected"): EDITORS,
    ("sites.site", "delete_selected"): STAFF_MANAGERS,
    ("sitesettings.sitesettings", "delete_selected"): NOBODY,
    ("taggit.tag", "delete_selected"): EDITORS,
    ("taggit.tag", "render_tag_form"): EDITORS,
    ("webhooks.delivery", "delete_selected"): NOBODY,
    ("webhooks.endpoint", "delete_selected"): STAFF_MANAGERS,
    # Views the admins add.
    ("auth.user", "auth_user_password_change"): STAFF_MANAGERS,
    ("desk.assignment", "desk_assignment_assign"): WRITING,
    ("desk.assignment", "desk_assignment_calendar"): WRITING,
    ("desk.assignment", "desk_assignment_calendar_key"): WRITING,
    ("desk.assignment", "desk_assignment_draft"): WRITING,
    ("desk.assignment", "desk_assignment_schedule"): WRITING,
    ("desk.assignment", "desk_assignment_skip"): EDITORS,
    ("django_comments_xtd.xtdcomment", "discussion_reply"): MODERATION,
    ("follows.delivery", "follows_delivery_send_test"): WRITING,
    ("otp_totp.totpdevice", "otp_totp_totpdevice_config"): STAFF_MANAGERS,
    ("otp_totp.totpdevice", "otp_totp_totpdevice_qrcode"): STAFF_MANAGERS,
    ("follows.follower", "follows_follower_digest_preview"): EDITORS,
    ("recaps.recap", "recaps_recap_compare"): WRITING,
    ("recaps.recap", "recaps_recap_recover"): EDITORS,
    ("recaps.recap", "recaps_recap_recoverlist"): EDITORS,
    ("recaps.recap", "recaps_recap_revision"): WRITING,
    ("recaps.recap", "recaps_recap_revoke_share_links"): WRITING,
    ("recaps.recap", "recaps_recap_transition"): WRITING,
    ("readership.dailyviews", "readership_dailyviews_recap"): EDITORS,
    ("taggit.tag", "taggit_tag_merge_tags"): EDITORS,
    ("webhooks.endpoint", "webhooks_endpoint_send_test"): STAFF_MANAGERS,
    ("shows.show", "catalogue_search"): EDITORS,
    ("shows.show", "catalogue_poster"): EDITORS,
    ("shows.show", "catalogue_preview"): EDITORS,
    ("shows.show", "catalogue_take"): EDITORS,
}


def label(model):
    return model._meta.label_lower

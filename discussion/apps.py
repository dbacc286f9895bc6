from django.apps import AppConfig
from django_comments import apps as comments_apps
from django_comments_xtd import apps as xtd_apps

from recaps.roles import EDITORS

# Moderators see and act on comments and nothing else; editors may moderate too.
COMMENT_PERMISSIONS = [
    ("django_comments_xtd", ["view_xtdcomment", "change_xtdcomment"]),
    ("discussion", ["view_moderation", "change_moderation"]),
    (
        "discussion",
        [
            "view_recapdiscussion",
            "add_recapdiscussion",
            "change_recapdiscussion",
            "delete_recapdiscussion",
        ],
    ),
]


class DiscussionConfig(AppConfig):
    name = "discussion"
    verbose_name = "Comments and moderation"
    role_grants = {"Moderators": COMMENT_PERMISSIONS, EDITORS: COMMENT_PERMISSIONS}

    def ready(self):
        from django_comments_xtd.moderation import moderator

        from recaps.models import Recap

        from . import signals  # noqa: F401 - connects the receivers
        from .moderation import RecapModerator

        if Recap not in moderator._registry:
            moderator.register(Recap, RecapModerator)


# The comment libraries' models are edited under our app, their admin host (core.admin_site): in
# the admin index and in their pages' breadcrumbs they are "Comments and moderation", not
# "Comments Xtd" or "Django_Comments".
class CommentsConfig(xtd_apps.CommentsXtdConfig):
    # Named in INSTALLED_APPS; not what "discussion" there means.
    default = False
    verbose_name = DiscussionConfig.verbose_name
    admin_host = "discussion"


class DjangoCommentsConfig(comments_apps.DjangoCommentsAdminConfig):
    default = False
    verbose_name = DiscussionConfig.verbose_name
    admin_host = "discussion"

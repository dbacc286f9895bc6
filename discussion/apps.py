from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    name = "discussion"
    verbose_name = "Comments and moderation"

    def ready(self):
        from django_comments_xtd.moderation import moderator

        from recaps.models import Recap

        from . import signals  # noqa: F401 - connects the receivers
        from .moderation import RecapModerator

        if Recap not in moderator._registry:
            moderator.register(Recap, RecapModerator)

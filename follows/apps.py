from django.apps import AppConfig

from recaps.roles import EDITORS


class FollowsConfig(AppConfig):
    name = "follows"
    verbose_name = "Followers by e-mail"
    # Editors read the mail log of their recaps (who got what, bounced or complained), see the
    # subscribers and change their state; nobody edits the log by hand.
    role_grants = {EDITORS: [("follows", ["view_delivery", "view_follower", "change_follower"])]}

    def ready(self):
        from . import signals  # noqa: F401

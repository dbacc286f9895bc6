from django.apps import AppConfig

from recaps.roles import EDITORS


class RatingsConfig(AppConfig):
    name = "ratings"
    verbose_name = "Reader ratings"
    # Editors see the votes and may clear an episode's (a vote brigade).
    role_grants = {EDITORS: [("ratings", ["view_episodevote", "delete_episodevote"])]}

    def ready(self):
        from pagecache import cookies

        from . import rated_cookie

        # A recap page says "You rated this episode 8" from it: the reader's own.
        cookies.declare(rated_cookie.COOKIE_NAME)

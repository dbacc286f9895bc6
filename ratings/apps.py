from django.apps import AppConfig


class RatingsConfig(AppConfig):
    name = "ratings"
    verbose_name = "Reader ratings"

    def ready(self):
        from pagecache import cookies

        from . import rated_cookie

        # A recap page says "You rated this episode 8" from it: the reader's own.
        cookies.declare(rated_cookie.COOKIE_NAME)

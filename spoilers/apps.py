from django.apps import AppConfig


class SpoilersConfig(AppConfig):
    name = "spoilers"
    verbose_name = "Spoiler-safe reading"

    def ready(self):
        from pagecache import cookies

        from . import marks

        # A page asked for with marks hides what comes after them: the reader's own.
        cookies.declare(marks.COOKIE)

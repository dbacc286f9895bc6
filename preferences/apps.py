from django.apps import AppConfig


class PreferencesConfig(AppConfig):
    name = "preferences"
    verbose_name = "Reader preferences"

    def ready(self):
        from pagecache import cookies

        from . import theme

        # Every page is rendered in the chosen theme: the reader's own.
        cookies.declare(theme.COOKIE_NAME)

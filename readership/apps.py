from django.apps import AppConfig

from recaps.roles import EDITORS


class ReadershipConfig(AppConfig):
    name = "readership"
    verbose_name = "What readers read"
    role_grants = {EDITORS: [("readership", ["view_dailyviews"])]}

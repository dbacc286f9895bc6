from django.apps import AppConfig

from recaps.roles import EDITORS


class RatingsConfig(AppConfig):
    name = "ratings"
    verbose_name = "Reader ratings"
    # Editors see the votes and may clear an episode's (a vote brigade).
    role_grants = {EDITORS: [("ratings", ["view_episodevote", "delete_episodevote"])]}

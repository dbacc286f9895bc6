from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = "Catalogue"
    # Its rows are bookkeeping, not something editors browse: its admin pages sit with shows.
    admin_host = "shows"

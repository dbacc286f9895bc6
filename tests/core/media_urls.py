"""The site's URLs with the development media route, as config/urls.py has them when DEBUG is
on."""

from django.conf.urls.static import static
from django.test import override_settings

from config.urls import urlpatterns as site_urlpatterns
from core.views import serve_media

with override_settings(DEBUG=True):
    urlpatterns = [*static("/media/", view=serve_media), *site_urlpatterns]

"""The site's URLs with django-anymail's webhooks, as config.urls serves them once
ANYMAIL_WEBHOOK_SECRET is set."""

from django.urls import include, path

from config.urls import urlpatterns as site

urlpatterns = [path("anymail/", include("anymail.urls")), *site]

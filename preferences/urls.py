from django.urls import path

from . import views

app_name = "preferences"
urlpatterns = [
    path("theme/", views.set_theme, name="theme"),
]

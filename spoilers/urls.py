from django.urls import path

from . import views

app_name = "spoilers"
urlpatterns = [path("watched/", views.mark, name="mark")]

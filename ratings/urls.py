from django.urls import path

from . import views

app_name = "ratings"
urlpatterns = [path("episodes/<int:episode_pk>/", views.vote, name="vote")]

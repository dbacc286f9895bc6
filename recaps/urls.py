from django.urls import path

from shows.views import ShowListView

from . import views

app_name = "recaps"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("recaps/preview/<int:pk>/", views.RecapPreviewView.as_view(), name="preview"),
    path("recaps/preview/s/<str:token>/", views.SharedPreviewView.as_view(), name="shared_preview"),
    path("recaps/<slug:slug>/", views.RecapDetailView.as_view(), name="detail"),
    path("tags/<slug:slug>/", views.TagView.as_view(), name="tag"),
]

# The catalogue pages keep their namespaces (Show and Person reverse them), but the hub and the
# person page list articles, so their views live in this app; config/urls.py mounts these.
shows_urls = (
    [
        path("", ShowListView.as_view(), name="list"),
        path("<slug:slug>/", views.ShowHubView.as_view(), name="detail"),
    ],
    "shows",
)
people_urls = ([path("<slug:slug>/", views.PersonView.as_view(), name="detail")], "people")

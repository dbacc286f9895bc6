"""Every public page a reader browses. The namespaces are the ones the models reverse
(`Recap`, `Show` and `Person` name their own pages): `recaps`, `shows` and `people`."""

from django.urls import include, path

from .views import lists, recap, shows

recap_urls = (
    [
        path("", lists.HomeView.as_view(), name="home"),
        path("recaps/preview/<int:pk>/", recap.RecapPreviewView.as_view(), name="preview"),
        path(
            "recaps/preview/s/<str:token>/",
            recap.SharedPreviewView.as_view(),
            name="shared_preview",
        ),
        path("recaps/<slug:slug>/", recap.RecapDetailView.as_view(), name="detail"),
        path("tags/<slug:slug>/", lists.TagView.as_view(), name="tag"),
    ],
    "recaps",
)
show_urls = (
    [
        path("", shows.ShowListView.as_view(), name="list"),
        path("<slug:slug>/", shows.ShowHubView.as_view(), name="detail"),
    ],
    "shows",
)
people_urls = ([path("<slug:slug>/", lists.PersonView.as_view(), name="detail")], "people")

urlpatterns = [
    path("shows/", include(show_urls)),
    path("people/", include(people_urls)),
    path("", include(recap_urls)),
]

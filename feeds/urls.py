from django.urls import path

from . import syndication, views

app_name = "feeds"
urlpatterns = [
    path("feeds/rss/", syndication.LatestRecapsFeed(), name="rss"),
    path("feeds/atom/", syndication.LatestRecapsAtomFeed(), name="atom"),
    path("feeds/shows/<slug:slug>/rss/", syndication.ShowRecapsFeed(), name="show_rss"),
    path("feeds/shows/<slug:slug>/atom/", syndication.ShowRecapsAtomFeed(), name="show_atom"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]

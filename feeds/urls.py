from django.urls import path

from pagecache.views import cache_tagged

from . import syndication, views

feed = cache_tagged(syndication.feed_tags)

app_name = "feeds"
urlpatterns = [
    path("feeds/rss/", feed(syndication.LatestRecapsFeed()), name="rss"),
    path("feeds/atom/", feed(syndication.LatestRecapsAtomFeed()), name="atom"),
    path("feeds/shows/<slug:slug>/rss/", feed(syndication.ShowRecapsFeed()), name="show_rss"),
    path("feeds/shows/<slug:slug>/atom/", feed(syndication.ShowRecapsAtomFeed()), name="show_atom"),
    path("shows/<slug:slug>/calendar.ics", views.show_calendar_ics, name="show_calendar"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("site.webmanifest", views.web_manifest, name="manifest"),
]

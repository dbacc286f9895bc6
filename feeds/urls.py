from django.urls import path
from django.views.decorators.cache import cache_control

from . import syndication, views

# Feed readers poll; a CDN may keep a feed ten minutes (a scheduled recap appears that late).
feed = cache_control(public=True, max_age=60 * 10)

app_name = "feeds"
urlpatterns = [
    path("feeds/rss/", feed(syndication.LatestRecapsFeed()), name="rss"),
    path("feeds/atom/", feed(syndication.LatestRecapsAtomFeed()), name="atom"),
    path("feeds/shows/<slug:slug>/rss/", feed(syndication.ShowRecapsFeed()), name="show_rss"),
    path("feeds/shows/<slug:slug>/atom/", feed(syndication.ShowRecapsAtomFeed()), name="show_atom"),
    path("shows/<slug:slug>/calendar.ics", views.show_calendar_ics, name="show_calendar"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]

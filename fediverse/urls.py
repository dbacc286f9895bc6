from django.urls import path

from . import views

app_name = "fediverse"

urlpatterns = [
    path(".well-known/webfinger", views.webfinger, name="webfinger"),
    path(".well-known/nodeinfo", views.nodeinfo_links, name="nodeinfo_links"),
    path("nodeinfo/2.1", views.nodeinfo, name="nodeinfo"),
    path("ap/actor", views.site_actor, name="site_actor"),
    path("ap/inbox", views.shared_inbox, name="shared_inbox"),
    path("ap/recaps/<int:pk>", views.article, name="article"),
    path("ap/shows/<slug:slug>", views.show_actor, name="show_actor"),
    path("ap/shows/<slug:slug>/inbox", views.show_inbox, name="show_inbox"),
    path("ap/shows/<slug:slug>/outbox", views.show_outbox, name="show_outbox"),
    path("ap/shows/<slug:slug>/followers", views.show_followers, name="show_followers"),
]

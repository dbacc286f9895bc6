from django.urls import path
from django_comments_xtd import views as xtd_views

from . import views

app_name = "discussion"
urlpatterns = [
    path("post/", views.post_comment, name="post"),
    path("reply/<int:pk>/", views.reply, name="reply"),
    path("thread/<int:pk>/", views.thread, name="thread"),
]

# Names django-comments-xtd and django-comments reverse themselves (follow-up mail, permalinks).
library_urls = [
    path("mute/<str:key>/", xtd_views.mute, name="comments-xtd-mute"),
]

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from core.views import FaviconView, object_page, serve_media
from discussion.urls import library_urls

admin.site.site_header = "Episodic editors"
admin.site.site_title = "Episodic"
admin.site.index_title = "Shows, people and recaps"

urlpatterns = [
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    # The two-factor login at the admin's login address, and each staff member's security page.
    path("admin/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("search/", include("search.urls")),
    path("spoilers/", include("spoilers.urls")),
    path("comments/", include("discussion.urls")),
    path("comments/", include(library_urls)),
    path("ratings/", include("ratings.urls")),
    path(
        "comments/cr/<int:content_type_id>/<str:object_id>/",
        object_page,
        name="comments-url-redirect",
    ),
    path("preferences/", include("preferences.urls")),
    path("follow/", include("follows.urls")),
    path("", include("fediverse.urls")),
    path("desk/", include("desk.urls")),
    path("views/", include("readership.urls")),
    path("api/", include("api.urls")),
    path("", include("feeds.urls")),
    path("", include("reader.urls")),
]

# Bounces and complaints from the mail provider, only when their basic-auth secret is set.
if settings.ANYMAIL_WEBHOOK_SECRET:
    urlpatterns.insert(1, path("anymail/", include("anymail.urls")))

# Uploads in development (static() adds nothing unless DEBUG); nginx serves them in production.
urlpatterns += static(settings.MEDIA_URL, view=serve_media)

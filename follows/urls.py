from django.urls import path

from . import views

app_name = "follows"

urlpatterns = [
    path("", views.follow, name="follow"),
    path("check-your-inbox/", views.check_inbox, name="check_inbox"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("manage/<str:token>/export.json", views.export, name="export"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]

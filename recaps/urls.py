from django.urls import path

from . import views

app_name = "recaps"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("recaps/<slug:slug>/", views.RecapDetailView.as_view(), name="detail"),
]

from django.urls import path

from . import views

app_name = "desk"
urlpatterns = [
    path("assignments/<str:token>.ics", views.assignments_ics, name="assignments_ics"),
]

from django.urls import path

from .drf_comparison import RecapDetail
from .endpoints import api

urlpatterns = [
    path("drf/recaps/<slug:slug>/", RecapDetail.as_view()),
    path("v1/", api.urls),
]

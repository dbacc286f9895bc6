from django.http import JsonResponse
from django.urls import path

from .endpoints import api


def unknown(request, rest):
    """An address under the API that names no endpoint: a JSON 404, as the endpoints' own."""
    return JsonResponse({"detail": "No such endpoint: see /api/v1/docs/."}, status=404)


urlpatterns = [
    path("v1/", api.urls),
    path("", unknown, {"rest": ""}),
    path("<path:rest>", unknown),
]

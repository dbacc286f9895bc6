"""TEMPORARY: the recap endpoint in Django REST framework, on the same data, for the measure
that chose the library (removed with DRF in the next commit). Its serializers write the same
fields as `api.schemas.Recap`, as DRF serializers do, from the same kept payload."""

from django.http import Http404
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .endpoints import recap_body


class Rendition(serializers.Serializer):
    format = serializers.CharField()
    width = serializers.IntegerField()
    url = serializers.CharField()


class Still(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField(allow_null=True)
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    alt = serializers.CharField()
    caption = serializers.CharField()
    credit = serializers.CharField()
    section = serializers.CharField()
    is_hero = serializers.BooleanField()
    renditions = Rendition(many=True)


class ShowLink(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()


class Episode(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    title = serializers.CharField(allow_null=True)


class Tag(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField()


class Section(serializers.Serializer):
    key = serializers.CharField()
    heading = serializers.CharField()
    html = serializers.CharField()
    stills = Still(many=True)


class Recap(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    url = serializers.CharField()
    masked = serializers.BooleanField()
    show = ShowLink()
    episode = Episode()
    headline = serializers.CharField()
    subtitle = serializers.CharField()
    author = serializers.CharField()
    excerpt = serializers.CharField()
    verdict = serializers.CharField()
    rating = serializers.IntegerField(allow_null=True)
    tags = Tag(many=True)
    reading_minutes = serializers.IntegerField()
    word_count = serializers.IntegerField()
    comment_count = serializers.IntegerField()
    hero = Still(allow_null=True)
    published_at = serializers.CharField()
    updated_at = serializers.CharField()
    intro = serializers.CharField()
    sections = Section(many=True)


class RecapDetail(APIView):
    authentication_classes = []
    permission_classes = []

    def get(self, request, slug):
        body = recap_body(request, slug)
        if body is None:
            raise Http404
        return Response(Recap(body["payload"]).data)

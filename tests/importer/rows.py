"""Rows an import wrote, found by their WordPress ids (the origins it remembers)."""

from django.contrib.auth import get_user_model
from django.contrib.redirects.models import Redirect
from django_comments_xtd.models import XtdComment

from discussion.models import Moderation
from importer.models import WordPressOrigin
from recaps.models import Recap, Still
from shows.models import Episode, Show

MODELS = (Recap, Still, Show, Episode, XtdComment, Moderation, Redirect, WordPressOrigin)


def recap(post_id):
    origin = WordPressOrigin.objects.get(kind="post", wp_id=str(post_id))
    return Recap.objects.get(pk=origin.object_id)


def row_counts():
    return {model.__name__: model.objects.count() for model in (*MODELS, get_user_model())}

from functools import cache

from django import template
from django.template.loader import render_to_string

from .. import markup
from ..models import Moderation

FIELDS_TEMPLATE = "discussion/form_fields.html"

register = template.Library()


@register.inclusion_tag("discussion/comments.html")
def recap_comments(discussion):
    """The recap page's comments area, from `discussion.comments_area.recap_discussion`."""
    return discussion


@register.simple_tag
def comment_fields(form):
    """The comment form's visible fields. A blank form's are the same on every recap (only its
    hidden fields differ), so they are rendered once per process: the recap page, the most
    read page, then renders no widget."""
    if form.is_blank:
        return blank_fields(type(form), type(form.target_object))
    return render_to_string(FIELDS_TEMPLATE, {"form": form})


@cache
def blank_fields(form_class, target_class):
    return render_to_string(FIELDS_TEMPLATE, {"form": form_class(target_class())})


@register.simple_tag
def held_comment_count():
    return Moderation.objects.filter(status=Moderation.Status.HELD).count()


@register.filter(is_safe=True)
def comment_text(value):
    """A comment as readers see it: escaped text with line breaks, spoiler passages
    collapsed."""
    return markup.to_html(value)


@register.filter
def hide_spoiler_passages(value):
    """A comment for plain-text e-mail: each spoiler passage replaced by "[spoiler hidden]"."""
    return markup.masked(value)

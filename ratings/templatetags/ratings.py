from django import template

from .. import rated_cookie
from ..queries import rating_of

register = template.Library()


@register.simple_tag(takes_context=True)
def reader_rating(context, recap):
    """The readers' rating of the recap's episode (annotated by `with_reader_rating`: no
    query) and this browser's own score from its `rated` cookie."""
    yours = rated_cookie.read(context["request"]).get(recap.episode_id)
    return rating_of(recap, yours)

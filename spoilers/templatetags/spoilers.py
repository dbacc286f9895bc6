"""Template side of spoiler-safe reading: whether a recap link must be masked for this reader,
and what the "I've watched up to episode N" control shows. Both read the marks from the
cookie (no query), so masking costs a page nothing."""

from django import template

from .. import marks

register = template.Library()


def _marks(context):
    request = context.get("request")
    return marks.for_request(request) if request is not None else marks.Marks()


@register.simple_tag(takes_context=True)
def spoiler_hidden(context, show_id, number):
    """True when episode `number` of show `show_id` comes after the reader's mark."""
    return _marks(context).hides(show_id, number)


@register.simple_tag(takes_context=True)
def watched_control(context, show, episodes=0, current=None):
    """The mark for `show` and the episode numbers to offer: up to the planned count, the
    `episodes` the page knows of, the `current` episode and the mark, whichever is highest."""
    mark = _marks(context).get(show.pk)
    numbered_mark = mark if isinstance(mark, int) else 0
    last = max(show.planned_episode_count or 0, episodes or 0, current or 0, numbered_mark)
    # Episode numbers as text: a number would be localised one by one, twice per option, on
    # the most-read page.
    return {
        "mark": numbered_mark or None,
        "seen_all": mark == marks.ALL,
        "episodes": [str(number) for number in range(1, last + 1)],
        "selected": str(numbered_mark or current or 1),
    }

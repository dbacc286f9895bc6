"""`{{ section|richtext|embedded:embeds }}`: the links alone on a line become facades of the
embeds stored for them (`embeds` is {url: Embed}, `rendering.embeds_for`); any other bare
address on a line of its own becomes a plain link. Nothing is asked of a provider here."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..lines import replace_lines

register = template.Library()


@register.filter(is_safe=True)
def embedded(html, embeds):
    def render_line(line):
        embed = (embeds or {}).get(line.url)
        if embed is not None:
            return render_to_string("embeds/facade.html", {"embed": embed, "line": line})
        if line.linked:
            return None
        return format_html('<p><a href="{}">{}</a></p>', line.url, line.url)

    return mark_safe(replace_lines(str(html), render_line))

"""Metadata output: JSON-LD serialised with the same escaping as `json_script`, so no value an
editor typed can close the script element; and the addresses of a list's other pages."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.seo import query_string

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter(is_safe=True)
def jsonld(data):
    """`{{ data|jsonld }}` → `<script type="application/ld+json">…</script>`."""
    payload = json.dumps(
        data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")
    ).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag(takes_context=True)
def page_address(context, **parameters):
    """This page's address with `parameters` as its query, spelled as `query_string` spells it
    (`{% page_address q=query page=2 %}`): the spelling the page cache keeps pages under, and no
    number for a first page."""
    path = context["request"].path
    query = query_string(*parameters.items())
    return f"{path}?{query}" if query else path

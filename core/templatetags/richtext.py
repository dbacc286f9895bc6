"""The one way editor rich text reaches a page: `{{ recap.body|richtext }}`."""

from django import template

from core import richtext as richtext_module

register = template.Library()


@register.filter(is_safe=True)
def richtext(value):
    return richtext_module.render(value)

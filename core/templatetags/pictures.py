from django import template

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(pic, alt, sizes="100vw", lazy=True, css_class=""):
    """A <picture> with a WebP srcset and a JPEG fallback; `pic` from `core.renditions.picture`."""
    return {"pic": pic, "alt": alt, "sizes": sizes, "lazy": lazy, "css_class": css_class}

from django import template

register = template.Library()


@register.inclusion_tag("includes/picture.html", name="picture")
def picture_element(pic, alt, sizes="100vw", lazy=True, css_class=""):
    """`{% picture %}`: a <picture> element with a WebP srcset and a JPEG fallback; `pic` from
    `core.renditions.picture_sources`."""
    return {"pic": pic, "alt": alt, "sizes": sizes, "lazy": lazy, "css_class": css_class}

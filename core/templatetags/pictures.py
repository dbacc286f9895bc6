from django import template

register = template.Library()


@register.inclusion_tag("includes/picture.html", name="picture")
def picture_element(pic, alt, sizes="100vw", lazy=True, css_class="", fill=False):
    """`{% picture %}`: a <picture> element with a WebP srcset and a JPEG fallback; `pic` from
    `core.renditions.picture_sources`.

    `fill`: the <img>'s size attributes are its largest rendition's, so CSS (`max-width:
    100%`) lets it fill its box up to that width and never enlarges it past it; otherwise
    they are the fallback `src`'s."""
    if pic is None:
        return {"pic": None}
    width, height = (pic.largest_width, pic.largest_height) if fill else (pic.width, pic.height)
    context = {"pic": pic, "alt": alt, "sizes": sizes, "lazy": lazy, "css_class": css_class}
    return {**context, "width": width, "height": height}

from django import template

from desk.air import offset_text

register = template.Library()


@register.filter
def desk_offset(offset):
    return offset_text(offset)


@register.filter
def desk_hours(offset):
    """An offset as the hours the desk's schedule form asks for: 2, 1.5."""
    return f"{offset.total_seconds() / 3600:g}"


@register.filter
def person(user, empty="—"):
    """A person as the desk names them: full name, else user name; `empty` for nobody."""
    if user is None:
        return empty
    return user.get_full_name() or user.get_username()

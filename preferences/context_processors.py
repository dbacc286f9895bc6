from .theme import chosen_theme, return_address


def theme(request):
    """`reader_theme` ("light", "dark", or None for the system's setting) for <html data-theme>
    and the switch, and `theme_next`, the page the switch returns to."""
    return {"reader_theme": chosen_theme(request), "theme_next": return_address(request)}

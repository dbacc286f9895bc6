"""The reader's colour theme: light, dark, or (no cookie) whatever their system prefers.

Kept in a cookie rather than in localStorage so the server can render the chosen theme into the
first paint: a script reading storage would run after the page had already flashed."""

from urllib.parse import unquote

COOKIE_NAME = "theme"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
LIGHT, DARK, SYSTEM = "light", "dark", "system"
CHOICES = (LIGHT, DARK, SYSTEM)
# Longer than any address the site links to: an address this long (a pasted essay as a search)
# is not copied into every page's switch, which then returns to the page without its query, or
# to the home page.
RETURN_ADDRESS_LIMIT = 200


def chosen_theme(request):
    """The reader's theme, "light" or "dark"; None means the system's setting (no cookie, or a
    value we never set)."""
    value = request.COOKIES.get(COOKIE_NAME)
    return value if value in (LIGHT, DARK) else None


def return_address(request):
    """Where the switch sends the reader back to: this page, with its query when short. A page
    that answered a form (a POST) cannot be fetched again, so the switch there leads home."""
    if request.method not in ("GET", "HEAD"):
        return ""
    for address in (request.get_full_path(), request.path):
        if len(unquote(address)) <= RETURN_ADDRESS_LIMIT:
            return address
    return ""


def remember(response, choice, *, secure):
    """Store `choice` (one of CHOICES) on `response`; "system" forgets the cookie."""
    if choice == SYSTEM:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
    else:
        # HttpOnly: only the server reads the theme, no script needs it.
        response.set_cookie(
            COOKIE_NAME,
            choice,
            max_age=COOKIE_MAX_AGE,
            samesite="Lax",
            secure=secure,
            httponly=True,
        )
    return response

"""The cookies the apps set, as they declare them: the page cache sits below the apps and
never imports them, so each app declares its cookies here once (in its AppConfig.ready).

A reader page asked for with a cookie that changes reader pages (a theme, spoiler marks,
ratings) is that reader's own: never shared, stored only as that reader's variant. A cookie
never sent to reader pages (its path is elsewhere) is declared too, saying so: a test holds
that every cookie the apps set is declared, so a renamed cookie cannot make a marked reader's
page everyone's."""

_changes_reader_pages = set()
_declared = set()


def declare(name, *, changes_reader_pages=True):
    """`name` is a cookie an app sets; `changes_reader_pages=False` for one that reader pages
    never receive."""
    _declared.add(name)
    if changes_reader_pages:
        _changes_reader_pages.add(name)


def declared():
    return frozenset(_declared)


def reader_cookies():
    """The cookies that make a reader page the reader's own."""
    return frozenset(_changes_reader_pages)


def has_reader_cookies(request):
    return not _changes_reader_pages.isdisjoint(request.COOKIES)

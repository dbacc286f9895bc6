"""The cookies the apps set, as they declare them: the page cache sits below the apps and
never imports them, so each app declares its cookies here once (in its AppConfig.ready).

A reader page asked for with a cookie that changes reader pages (a theme, spoiler marks,
ratings) is that reader's own: never shared, stored only as that reader's variant. A cookie
never sent to reader pages (its path is elsewhere) is declared too, saying so: a test holds
that every cookie the apps set is declared, so a renamed cookie cannot make a marked reader's
page everyone's."""

_variants = {}  # {cookie: what of it changes a page}, in the order the apps declared them
_declared = set()


def declare(name, variant=None):
    """`name` is a cookie an app sets. `variant(request, spec)` gives, as text, what of it changes
    a page that `spec` describes ("shows" and "episodes" it names: a reader's marks and votes
    matter only for those): the cookie makes reader pages the reader's own. Without `variant`,
    reader pages never receive the cookie (its path is elsewhere)."""
    _declared.add(name)
    if variant is not None:
        _variants[name] = variant


def declared():
    return frozenset(_declared)


def reader_cookies():
    """The cookies that make a reader page the reader's own."""
    return frozenset(_variants)


def has_reader_cookies(request):
    return not _variants.keys().isdisjoint(request.COOKIES)


def variant(request, spec):
    """What the reader's cookies change in the page `spec` describes, as text ("" for none)."""
    return "|".join(part(request, spec) for part in _variants.values())

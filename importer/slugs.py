"""Free slugs and usernames, chosen against a set of those taken that the import keeps in
memory, so choosing one costs no query (desk and catalogue ask the database instead: they pick
one at a time)."""


def unique_slug(base, taken, max_length):
    """`base`, or else the first of `base-2`, `base-3`, … not in `taken`; never longer than
    `max_length` (the base gives up characters so the suffix fits)."""
    slug, suffix = base[:max_length], 2
    while slug in taken:
        tail = f"-{suffix}"
        slug = base[: max_length - len(tail)] + tail
        suffix += 1
    return slug

"""The catalogues shows come from, each a module behind the same small interface:
`name`, `key`, `search(query)`, `show(id, fresh=False)`, `episode_count(id)`, `updates()`,
`reference(*parts)`, `show_id_of(reference)` and `image_origins()`, giving the plain values of
`base`. TVmaze is the one built; a second (TMDB, with an API key) would be a module beside it,
named in PROVIDERS."""

from django.utils.module_loading import import_string

PROVIDERS = {"tvmaze": "catalogue.providers.tvmaze.TVmaze"}


def provider(key="tvmaze"):
    try:
        return import_string(PROVIDERS[key])()
    except KeyError:
        raise LookupError(f"No catalogue called {key!r}.") from None

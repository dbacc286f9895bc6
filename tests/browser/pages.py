"""The reader page kinds, as paths into the demo content (`load_demo`), for the browser tests
that visit each kind."""

PAGE_KINDS = {
    "home": "/",
    "shows": "/shows/",
    "hub": "/shows/soundtrack-2/",
    "recap": "/recaps/soundtrack-2-episode-4-recap-review/",
    "person": "/people/geum-sae-rok/",
    "tag": "/tags/k-drama/",
    "search": "/search/?q=Hyeon-seo",
    "not-found": "/recaps/no-such-recap/",
}

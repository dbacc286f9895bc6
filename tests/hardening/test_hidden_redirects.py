"""No redirect names what readers may not see: a draft, a scheduled or an unpublished recap, a
still of one, or a tag only they carry.

The review's finding: the comments library's `shortcut` answered a scheduled recap's id with a
302 to its slug (its headline and subtitle), and old WordPress links and the importer's redirect
rows pointed at drafts too. The walk below asks EVERY URL pattern of the project (the resolver's
tree) with the hidden objects' ids and slugs, GET and POST, as a reader or, on the admin's
pages, as a member of staff with no business with recaps; then the old WordPress query links and
the redirect rows: no Location may carry a hidden slug or file the request did not carry itself.
A pattern the walk cannot fill fails it, so a new one is walked too."""

import re
from datetime import timedelta
from itertools import product
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.redirects.models import Redirect
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils import timezone
from django.utils.regex_helper import normalize
from django_comments_xtd.models import XtdComment
from taggit.models import Tag

from demo.factories import make_episode, make_recap, make_show, make_still
from importer import middleware as wordpress_links
from importer.models import WordPressOrigin
from recaps.models import Recap, RecapSlugRedirect, Still
from tests.discussion.conftest import make_comment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

HIDDEN_STATES = ("draft", "scheduled", "unpublished")
SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin"}


@pytest.fixture
def hidden(db, django_user_model):
    """A draft, a scheduled and an unpublished recap, each with a still and a comment, a tag
    only they carry, an old slug of the scheduled one; a published recap beside them; and the
    importer's traces of each (WordPress origins, redirect rows)."""
    author = django_user_model.objects.create_user("author")
    show = make_show(slug="hidden-show")
    now = timezone.now()
    states = {
        "draft": {"status": Recap.Status.DRAFT, "published_at": None},
        "scheduled": {"status": Recap.Status.PUBLISHED, "published_at": now + timedelta(days=2)},
        "unpublished": {
            "status": Recap.Status.UNPUBLISHED,
            "published_at": now - timedelta(days=2),
        },
    }
    recaps = {}
    for number, (state, fields) in enumerate(states.items(), start=1):
        recap = make_recap(
            make_episode(show, number),
            author=author,
            subtitle=f"The secret {state} twist",
            slug=f"secret-{state}-twist",
            **fields,
        )
        make_still(recap)
        make_comment(recap)
        recap.tags.add("secret-twist")
        recaps[state] = recap
    # An address the scheduled recap had before its slug changed.
    RecapSlugRedirect.objects.create(old_slug="earlier-secret-address", recap=recaps["scheduled"])
    live = make_recap(make_episode(show, 9), author=author, slug="the-public-recap")
    live.tags.add("public-tag")
    make_still(live)
    stills = {state: recap.stills.get() for state, recap in recaps.items()}
    tag = Tag.objects.get(slug="secret-twist")
    origins = [
        *(("post", f"{900 + n}", recap) for n, recap in enumerate(recaps.values())),
        *(("still", f"{950 + n}@x", still) for n, still in enumerate(stills.values())),
        ("term", "category:990", tag),
        ("post", "999", live),
    ]
    for kind, wp_id, target in origins:
        WordPressOrigin.objects.create(
            site_url="https://old.example",
            kind=kind,
            wp_id=wp_id,
            content_type=ContentType.objects.get_for_model(target),
            object_id=target.pk,
        )
    rows = {
        **{f"/old/{state}/": recap.get_absolute_url() for state, recap in recaps.items()},
        **{f"/old/still-{state}/": still.image.url for state, still in stills.items()},
        "/old/rendition/": stills["draft"].webp_480.url,
        "/old/tag/": "/tags/secret-twist/",
        "/old/moved/": "/recaps/earlier-secret-address/",
        "/old/public/": live.get_absolute_url(),
    }
    for old, new in rows.items():
        Redirect.objects.create(site_id=1, old_path=old, new_path=new)
    return {"recaps": recaps, "stills": stills, "tag": tag, "live": live, "rows": rows}


def secrets(hidden):
    """What no Location may name: the hidden recaps' slugs, the tag's, the stills' files."""
    names = [recap.slug for recap in hidden["recaps"].values()] + [hidden["tag"].slug]
    for still in hidden["stills"].values():
        names += [still.image.name, still.webp_480.name]
    return names


def leaks(response, request_target, hidden):
    """The secrets a response's Location names that the request did not carry."""
    location = response.get("Location", "")
    return [name for name in secrets(hidden) if name in location and name not in request_target]


# Walking the URL patterns


def leaves(patterns, chain=()):
    """Each URL pattern, with the resolvers it hangs from."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from leaves(pattern.url_patterns, (*chain, pattern))
        else:
            yield (*chain, pattern)


def words_of(regex, name):
    """The words a group that is a plain alternation allows (the admin's app labels)."""
    found = re.search(rf"\(\?P<{name}>([\w|]+)\)", regex)
    return found[1].split("|") if found and "|" in found[1] else []


def values(hidden):
    """The ids and slugs of everything hidden (and the content types they belong to), as a URL
    may carry them. Not the stills' files: media is the web server's, no URL pattern's."""
    objects = [
        *hidden["recaps"].values(),
        *hidden["stills"].values(),
        hidden["tag"],
        *XtdComment.objects.all(),
    ]
    numbers = {obj.pk for obj in objects}
    numbers |= {ContentType.objects.get_for_model(obj).pk for obj in objects}
    slugs = [recap.slug for recap in hidden["recaps"].values()]
    slugs += [hidden["tag"].slug, "earlier-secret-address"]
    return [str(number) for number in sorted(numbers)] + slugs


def paths_of(chain, candidates):
    """Every path that reaches the pattern at the end of `chain` with the candidates in its
    parameters (or the words a parameter allows)."""
    formats, options = [], {}
    for part in chain:
        regex = part.pattern.regex.pattern
        (form, names), *_ = normalize(regex)
        formats.append(form)
        options.update((name, words_of(regex, name) or candidates) for name in names)
    target = chain[-1].callback
    for combination in product(*options.values()):
        filled = dict(zip(options, combination, strict=True))
        path = "/" + "".join(form % filled for form in formats)
        try:
            if resolve(path).func is target:
                yield path
        except Resolver404:
            continue


def test_no_url_pattern_redirects_to_a_hidden_recap_still_or_tag(client, hidden, settings):
    from discussion.models import CommentSettings

    CommentSettings.objects.update(rate_per_minute=0)
    staff = Client()
    moderator = type(hidden["live"].author).objects.create_user("mo", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    staff.force_login(moderator)
    body = {
        "content_type": "recaps.recap",
        "object_pk": str(hidden["recaps"]["scheduled"].pk),
        "score": "8",
    }
    candidates = values(hidden)
    found, unreachable, redirects = [], [], 0
    for chain in leaves(get_resolver().url_patterns):
        paths = list(paths_of(chain, candidates))
        if not paths:
            unreachable.append(chain[-1].pattern.describe())
        for path in paths:
            match = resolve(path)
            # The admin's pages answer anyone else with the login page.
            browser = staff if "admin" in match.namespaces else client
            answers = [browser.get(path), browser.post(path, body, **SAME_ORIGIN)]
            if match.url_name == "logout":
                staff.force_login(moderator)
            for answer in answers:
                redirects += answer.has_header("Location")
                found += [f"{path} → {answer['Location']}" for _ in leaks(answer, path, hidden)]
    assert unreachable == []
    assert redirects, "the walk met no redirect at all"
    assert found == []


def test_the_shortcut_still_redirects_to_published_recaps(client, hidden):
    live = hidden["live"]
    url = f"/comments/cr/{ContentType.objects.get_for_model(live).pk}/{live.pk}/"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].endswith(live.get_absolute_url())


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_the_shortcut_answers_404_for_a_hidden_recap(client, hidden, state):
    """The finding as the review reproduced it: 302 with the slug before."""
    recap = hidden["recaps"][state]
    url = f"/comments/cr/{ContentType.objects.get_for_model(recap).pk}/{recap.pk}/"
    response = client.get(url)
    assert response.status_code == 404
    assert not response.has_header("Location")


@pytest.mark.parametrize("model", ["search.nametext", "auth.user"])
def test_the_shortcuts_answer_404_for_objects_without_a_page(client, admin_client, model):
    """search's index has a table on SQLite only: on PostgreSQL the lookup was a 500."""
    content_type = ContentType.objects.get_by_natural_key(*model.split("."))
    for browser, url in (
        (client, f"/comments/cr/{content_type.pk}/1/"),
        (admin_client, f"/admin/r/{content_type.pk}/1/"),
    ):
        assert browser.get(url).status_code == 404, url


def wordpress_queries(hidden):
    """Each old WordPress query link, with the hidden objects' old ids (the importer's
    middleware answers these names: one it adds is a failure here until it is walked)."""
    posts = [
        origin.wp_id for origin in WordPressOrigin.objects.filter(kind="post").exclude(wp_id="999")
    ]
    stills = [origin.wp_id.split("@")[0] for origin in WordPressOrigin.objects.filter(kind="still")]
    by_name = {
        "p": posts,
        "page_id": posts,
        "attachment_id": stills,
        "cat": ["990"],
        "tag": [hidden["tag"].slug],
    }
    assert set(by_name) == set(wordpress_links.PARAMETERS)
    return [f"/?{urlencode({name: value})}" for name, ids in by_name.items() for value in ids]


def test_old_wordpress_links_never_redirect_to_hidden_recaps_stills_or_tags(client, hidden):
    found = []
    for url in wordpress_queries(hidden):
        response = client.get(url)
        found += [f"{url} → {response['Location']}" for _ in leaks(response, url, hidden)]
        if response.has_header("Location"):
            found.append(f"{url} redirects ({response.status_code})")
    assert found == []
    assert client.get("/?p=999")["Location"] == hidden["live"].get_absolute_url()


def test_redirect_rows_to_hidden_targets_answer_404(client, hidden):
    for old, new in hidden["rows"].items():
        response = client.get(old)
        if old == "/old/public/":
            assert (response.status_code, response["Location"]) == (301, new)
        else:
            assert response.status_code == 404, old
            assert leaks(response, old, hidden) == []


def test_a_redirect_row_goes_live_with_its_recap(client, hidden):
    draft = hidden["recaps"]["draft"]
    assert client.get("/old/draft/").status_code == 404
    draft.status, draft.published_at = Recap.Status.PUBLISHED, timezone.now()
    draft.save()
    response = client.get("/old/draft/")
    assert (response.status_code, response["Location"]) == (301, draft.get_absolute_url())
    still = client.get("/old/still-draft/")
    assert (still.status_code, still["Location"]) == (301, hidden["rows"]["/old/still-draft/"])
    assert client.get("/old/tag/")["Location"] == "/tags/secret-twist/"


def test_an_old_slug_of_a_scheduled_recap_does_not_lead_to_its_new_one(client, hidden):
    response = client.get("/recaps/earlier-secret-address/")
    assert response.status_code == 404
    assert client.get("/old/moved/").status_code == 404


def test_a_tag_only_hidden_recaps_carry_has_no_page_yet(client, hidden):
    assert client.get("/tags/secret-twist/").status_code == 404
    assert client.get("/tags/public-tag/").status_code == 200
    scheduled = hidden["recaps"]["scheduled"]
    Recap.objects.filter(pk=scheduled.pk).update(published_at=timezone.now())
    assert client.get("/tags/secret-twist/").status_code == 200


def test_a_still_file_counts_as_hidden_with_its_recap(hidden):
    from recaps.visibility import names_hidden

    for state, still in hidden["stills"].items():
        assert names_hidden(still.image.url), state
        assert names_hidden(still.jpeg_800.url), state
    live_still = Still.objects.get(recap=hidden["live"])
    assert not names_hidden(live_still.image.url)
    assert not names_hidden(live_still.webp_480.url)
    assert not names_hidden("/media/shows/poster.jpg")

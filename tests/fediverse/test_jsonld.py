"""Every term and type in what the site publishes is defined by the ActivityStreams vocabulary
(or the security vocabulary, or the few extension terms Mastodon uses, named in our context).

The AS2 context is the W3C one (https://www.w3.org/ns/activitystreams) as bovine 0.5.19 ships
it (`bovine.jsonld.activitystreams_context`); the security context is vendored in
fixtures/security-v1.jsonld from w3c/vc-test-suite, contexts/security-v1.jsonld at commit
6e72559007fa28658d639bb4606e85767482b14f. Both contexts give undefined terms the vocabulary
`_:`, so pyld expands an undefined term or type to a blank-node IRI: the test finds none."""

import json
import tempfile
from contextlib import chdir

import pytest
from django.utils import timezone
from pyld import jsonld

from fediverse import documents

from .conftest import FIXTURES

# Importing bovine.jsonld opens its cache, a SQLite file in the working directory: keep it out
# of the checkout.
with chdir(tempfile.mkdtemp(prefix="bovine-jsonld-")):
    from bovine.jsonld import activitystreams_context

CONTEXTS = {
    "https://www.w3.org/ns/activitystreams": {"@context": activitystreams_context},
    "https://w3id.org/security/v1": json.loads((FIXTURES / "security-v1.jsonld").read_text()),
}


def load(url, options=None):
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": CONTEXTS[url],  # a KeyError is an unknown context: the test fails
    }


def undefined(expanded):
    """Every property or type the contexts do not define, anywhere in the document."""
    found = []
    if isinstance(expanded, list):
        for item in expanded:
            found += undefined(item)
    elif isinstance(expanded, dict):
        for key, value in expanded.items():
            if key.startswith("_:"):
                found.append(key)
            if key == "@type":
                found += [kind for kind in value if kind.startswith("_:")]
            else:
                found += undefined(value)
    return found


def expand(document):
    expanded = jsonld.expand(document, {"documentLoader": load})
    assert expanded, "the document expanded to nothing"
    return expanded


@pytest.fixture
def recap_with_tags(recap):
    recap.tags.add("K-drama", "Music")
    return recap


def test_the_show_actor_uses_defined_terms_only(recap_with_tags):
    actor = documents.show_actor(recap_with_tags.episode.show)
    assert undefined(expand(actor)) == []


def test_the_site_actor_uses_defined_terms_only(db):
    assert undefined(expand(documents.site_actor("Episodic"))) == []


@pytest.mark.parametrize("kind", ["Create", "Update", "Delete"])
def test_recap_activities_use_defined_terms_only(recap_with_tags, kind):
    activity = documents.recap_activity(recap_with_tags, kind, timezone.now())
    expanded = expand(activity)
    assert undefined(expanded) == []
    if kind == "Create":
        article = expanded[0]["https://www.w3.org/ns/activitystreams#object"][0]
        assert article["https://www.w3.org/ns/activitystreams#sensitive"] == [{"@value": True}]
        assert article["https://www.w3.org/ns/activitystreams#summary"] == [
            {"@value": "Spoilers for Soundtrack #2, episode 4"}
        ]


def test_accept_and_collections_use_defined_terms_only(recap):
    actor = "https://testserver/ap/shows/soundtrack-2"
    follow = {
        "id": "https://m.example/f/1",
        "type": "Follow",
        "actor": "https://m.example/u",
        "object": actor,
    }
    for document in (
        documents.accept(actor, follow, 1),
        documents.follow(actor, "https://m.example/u", 1),
        documents.ordered_collection(f"{actor}/outbox", 1, f"{actor}/outbox?page=1"),
        documents.collection_page(
            f"{actor}/outbox?page=1", f"{actor}/outbox", [], f"{actor}/outbox?page=2"
        ),
    ):
        assert undefined(expand(document)) == [], document["type"]


def test_the_check_finds_an_undefined_term():
    document = documents.with_context({"type": "Article", "spoilerWarning": "x"})
    assert undefined(expand(document)) == ["_:spoilerWarning"]

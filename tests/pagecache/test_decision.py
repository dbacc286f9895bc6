"""A reader page carries one decision for the page cache, set by its view; any other response
carries none."""

from django.http import HttpResponse

from pagecache import tags
from pagecache.decision import PAGE, CacheDecision, decide, decision_of
from pagecache.views import cache_tagged, mark


def test_a_response_without_a_decision_is_not_a_reader_page():
    assert decision_of(HttpResponse()) is None


def test_a_decision_reads_cookies_unless_the_view_says_otherwise():
    decision = CacheDecision(frozenset({"recap:1"}))
    assert (decision.kind, decision.reads_cookies, decision.outcome) == (PAGE, True, "bypass")
    assert decision_of(decide(HttpResponse(), decision)) is decision


def test_mark_names_site_among_the_tags_and_the_query_built_for():
    response = mark(HttpResponse(), {"recap:1"}, rated_episodes=[3], query=[("page", 2)])
    decision = decision_of(response)
    assert decision.tags == {tags.SITE, "recap:1"}
    assert decision.rated_episodes == (3,)
    assert decision.query == "page=2"
    assert decision.reads_cookies


def test_function_views_cache_tagged_are_the_same_for_every_reader(rf):
    view = cache_tagged(lambda request: {tags.RECAPS})(lambda request: HttpResponse())
    decision = decision_of(view(rf.get("/feed/")))
    assert not decision.reads_cookies
    assert decision.query == ""

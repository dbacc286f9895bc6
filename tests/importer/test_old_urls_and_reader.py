"""After an import: the old WordPress addresses answer 301, and imported recaps are read like
any other (recap page, hub, tag page, feeds, sitemap, search), drafts and scheduled ones not."""

import pytest
from django.utils import timezone

from recaps.models import Recap
from tests.importer.rows import recap

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/moonlit-harbor-episode-1-recap/", "/recaps/moonlit-harbor-episode-1-recap/"),
        ("/moonlit-harbor-episode-1-recap", "/recaps/moonlit-harbor-episode-1-recap/"),
        ("/2024/03/moonlit-harbor-ep-2/", "/recaps/moonlit-harbor-ep-2/"),
        ("/?p=101", "/recaps/moonlit-harbor-episode-1-recap/"),
        ("/사운드트랙-episode-2/", "/recaps/episode-2/"),
        ("/%EC%82%AC%EC%9A%B4%EB%93%9C%ED%8A%B8%EB%9E%99-episode-2/", "/recaps/episode-2/"),
        ("/?page_id=102", "/recaps/moonlit-harbor-ep-2/"),
        # attachment pages → the recap that shows the image
        (
            "/moonlit-harbor-episode-1-recap/harbor-still/",
            "/recaps/moonlit-harbor-episode-1-recap/",
        ),
        ("/?attachment_id=202", "/recaps/moonlit-harbor-ep-2/"),
        # archives → the show's hub, or the tag page
        ("/category/moonlit-harbor/", "/shows/moonlit-harbor/"),
        ("/category/k-drama/", "/tags/k-drama/"),
        ("/tag/romance/", "/tags/romance/"),
        ("/?cat=11", "/shows/moonlit-harbor/"),
        ("/?cat=12", "/tags/k-drama/"),
        ("/?tag=romance", "/tags/romance/"),
    ],
)
def test_old_wordpress_addresses_answer_301(client, imported, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


@pytest.mark.parametrize(
    ("old", "post_id"), [("/2099/01/moonlit-harbor-ep-2/", 103), ("/?p=105", 105)]
)
def test_old_addresses_of_hidden_imports_answer_404_until_published(client, imported, old, post_id):
    """The scheduled (103) and the pending (105) post: their redirect would name their slug."""
    hidden = recap(post_id)
    response = client.get(old)
    assert response.status_code == 404
    assert hidden.slug not in response.get("Location", "")
    hidden.status, hidden.published_at = Recap.Status.PUBLISHED, timezone.now()
    hidden.save()
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (301, hidden.get_absolute_url())


@pytest.mark.parametrize("old", ["/no-such-post/", "/2024/03/never-written/", "/category/x/"])
def test_unknown_old_paths_still_404(client, imported, old):
    assert client.get(old).status_code == 404


def test_unknown_query_ids_show_the_home_page(client, imported):
    assert client.get("/?p=999999").status_code == 200


def test_an_imported_recap_reads_like_any_other(client, imported):
    response = client.get("/recaps/moonlit-harbor-episode-1-recap/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Moonlit Harbor Episode 1 Recap and Review: Lanterns &amp; Ledgers" in page
    for text in ("달빛 항구", "fish market", "gull steals", "gentle start"):
        assert text in page
    assert "Still From Moonlit Harbor Episode 1" in page  # caption
    assert "Loved the lanterns! 등불 최고" in page  # a public comment
    assert "Waiting for a moderator" not in page  # the held one
    assert "<script>alert" not in page
    assert "lead roles" not in page


def test_imported_recaps_appear_in_hub_tag_feed_sitemap_and_search(client, imported):
    live = recap(101)
    hub = client.get("/shows/moonlit-harbor/").content.decode()
    assert live.get_absolute_url() in hub
    assert live.get_absolute_url() in client.get("/tags/romance/").content.decode()
    assert live.get_absolute_url() in client.get("/feeds/rss/").content.decode()
    assert live.get_absolute_url() in client.get("/sitemap.xml").content.decode()
    assert live.get_absolute_url() in client.get("/search/?q=ledgers").content.decode()


def test_scheduled_and_in_review_imports_are_invisible(client, imported):
    for post_id in (103, 105):
        hidden = recap(post_id)
        assert client.get(hidden.get_absolute_url()).status_code == 404
        for page in ("/", "/feeds/rss/", "/sitemap.xml", "/shows/moonlit-harbor/"):
            assert hidden.get_absolute_url() not in client.get(page).content.decode()


def test_held_comments_wait_in_the_moderation_queue(admin_client, imported):
    response = admin_client.get("/admin/django_comments_xtd/xtdcomment/")
    assert response.status_code == 200
    assert "Waiting for a moderator" in response.content.decode()


def test_the_import_run_page_lists_counts_and_items_for_editors(admin_client, imported):
    from importer.models import ImportRun

    run = ImportRun.objects.get()
    response = admin_client.get(run.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Recaps created" in page and "Comments held for moderation" in page
    assert "provisional alt text" in page and "missing" in page
    assert "Top 10 Harbour Towns on Screen" in page
    assert admin_client.get("/admin/importer/importrun/").status_code == 200

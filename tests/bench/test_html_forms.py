"""bench.html_forms: a form read out of a page as a browser would send it, and filled in."""

from bench.html_forms import form_action, form_fields, replace

COMMENT_PAGE = """
<form action="/search/" method="get"><input name="q" value=""></form>
<form action="/comments/post/" method="post" class="comment-form">
  <input type="hidden" name="content_type" value="recaps.recap">
  <input type="hidden" name="object_pk" value="7">
  <input type="hidden" name="timestamp" value="1700000000">
  <input type="hidden" name="security_hash" value="abc&amp;def">
  <input type="text" name="name"><input type="email" name="email">
  <textarea name="comment" rows="6">
</textarea>
  <input type="checkbox" name="followup">
  <input type="checkbox" name="remember" checked>
  <select name="section"><option value="a">A</option><option value="b" selected>B</option></select>
  <input type="submit" name="post" value="Post">
</form>
<form id="logout-form" action="/admin/logout/"><input name="csrfmiddlewaretoken" value="z"></form>
"""


def test_a_form_is_read_as_a_browser_would_send_it():
    fields = form_fields(COMMENT_PAGE, "/comments/post")
    assert fields == [
        ["content_type", "recaps.recap"],
        ["object_pk", "7"],
        ["timestamp", "1700000000"],
        ["security_hash", "abc&def"],
        ["name", ""],
        ["email", ""],
        ["comment", "\n"],
        ["remember", "on"],
        ["section", "b"],
    ]
    assert form_action(COMMENT_PAGE, "/comments/post") == "/comments/post/"
    assert form_fields(COMMENT_PAGE, form_id="logout-form") == [["csrfmiddlewaretoken", "z"]]
    assert form_fields(COMMENT_PAGE, form_id="recap_form") == []


def test_filling_in_a_form_replaces_fields_and_adds_missing_ones():
    filled = replace([["name", ""], ["object_pk", "7"]], name="Ann", comment="Hi")
    assert filled == [("object_pk", "7"), ("name", "Ann"), ("comment", "Hi")]

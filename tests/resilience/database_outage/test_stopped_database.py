"""The database stopped behind gunicorn: every page the page cache has stored is served stale,
everything else is a branded 503 with Retry-After, never a 500, and a comment or an admin save
sent meanwhile comes back with what the person typed in it."""

import re
import time

from tests.resilience.database_outage.helpers import (
    EDITED_SUBTITLE,
    EDITOR_PASSWORD,
    NEVER_STORED,
    RECAP,
    TYPED,
    WARMED,
    Browser,
    assert_branded_503,
    assert_stale,
    comment_form,
    forms_in,
    stored_comments,
    warm,
)
from tests.servers import Gunicorn, manage, query, wait_until


def test_a_stopped_database_serves_stored_pages_stale_and_loses_no_comment(
    launch, tmp_path, demo_env, postgres_cluster, redis_server
):
    env = {**demo_env, "REDIS_URL": redis_server.url}
    server = launch(Gunicorn(tmp_path, env, workers=2))
    reader, editor = Browser(server.url), Browser(server.url)
    stored = warm(reader, WARMED)
    editor.log_in()
    recap_pk = query(
        env["DATABASE_URL"], "SELECT id FROM recaps_recap WHERE slug = %s", RECAP.split("/")[2]
    )[0][0]
    status, _, change_form = editor.open(f"/admin/recaps/recap/{recap_pk}/change/")
    assert status == 200
    form = comment_form(stored[RECAP])
    # An edit the readers have not seen yet: purged, and then the database goes away.
    manage(
        env,
        "shell",
        "-c",
        f"from recaps.models import Recap; r = Recap.objects.get(pk={recap_pk}); "
        f"r.subtitle = {EDITED_SUBTITLE!r}; r.save()",
    )
    time.sleep(2.1)
    postgres_cluster.stop()

    for path, body in stored.items():
        assert_stale(reader, path, body)
    for path in NEVER_STORED:
        assert_branded_503(*reader.open(path))
    for path in ("/admin/login/", "/admin/", f"/admin/recaps/recap/{recap_pk}/change/"):
        assert_branded_503(*editor.open(path))
    # The login form itself needs no database (the site's settings are cached); signing in does.
    newcomer = Browser(server.url)
    status, _, page = newcomer.open("/admin/login/")
    assert status in (200, 503), page[:300]
    if status == 200:
        sent = {"csrfmiddlewaretoken": forms_in(page)[-1]["csrfmiddlewaretoken"]}
        status, headers, page = newcomer.open(
            "/admin/login/", {**sent, "username": "chief", "password": EDITOR_PASSWORD}
        )
        assert_branded_503(status, headers, page)
        assert b'value="chief"' in page and EDITOR_PASSWORD.encode() not in page

    typed = {**form, "comment": TYPED, "name": "Rain & <Co>", "email": "reader@example.com"}
    status, headers, page = reader.open("/comments/post/", typed)
    assert_branded_503(status, headers, page)
    assert b"Nothing was stored" in page
    assert b"<script>alert(1)</script>" not in page
    again = next(form for form in forms_in(page) if form["_action"] == "/comments/post/")
    assert again["comment"] == TYPED and again["name"] == "Rain & <Co>"

    status, headers, page = reader.open(f"/ratings/episodes/{recap_pk}/", {"score": "9"})
    assert_branded_503(status, headers, page)
    assert any(form.get("score") == "9" for form in forms_in(page))

    postgres_cluster.start()
    status, _, _ = reader.open(
        "/comments/post/", {key: value for key, value in again.items() if key != "_action"}
    )
    assert status in (302, 303)
    assert stored_comments(env, TYPED) == 1
    for path in ("/", RECAP):
        wait_until(
            lambda p=path: EDITED_SUBTITLE.encode() in reader.open(p)[2],
            10,
            f"{path} shows the edit",
        )
    assert editor.open(f"/admin/recaps/recap/{recap_pk}/change/")[0] == 200


def test_an_admin_save_during_an_outage_is_shown_again_to_send_once_it_is_back(
    launch, tmp_path, demo_env, postgres_cluster
):
    server = launch(Gunicorn(tmp_path, demo_env))
    editor = Browser(server.url)
    editor.log_in()
    address = "/admin/sitesettings/sitesettings/1/change/"
    status, _, page = editor.open(address)
    assert status == 200
    change = next(form for form in forms_in(page) if "site_name" in form)
    del change["_action"]
    postgres_cluster.stop()

    tagline = "Recaps <em>& more</em> \u2014 \u0441\u0435\u0440\u0438\u0430\u043b\u044b"
    status, headers, page = editor.open(address, {**change, "tagline": tagline, "_save": "Save"})
    assert_branded_503(status, headers, page)
    assert b"Nothing was stored" in page and b"<em>& more" not in page
    again = next(form for form in forms_in(page) if "site_name" in form)
    assert again.pop("_action") == address
    assert again["tagline"] == tagline and again["_save"] == "Save"

    postgres_cluster.start()
    status, _, page = editor.open(address, again)
    assert status == 302, re.findall(r"errorlist.{0,300}|errornote.{0,300}", page.decode(), re.S)
    saved = query(demo_env["DATABASE_URL"], "SELECT tagline FROM sitesettings_sitesettings")
    assert saved == [(tagline,)]

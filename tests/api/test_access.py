"""CORS for any site's scripts, rate limits for anonymous clients, API keys issued in the admin
(hashed, shown once) with limits of their own, and the database's 503 as JSON."""

from datetime import UTC, datetime
from unittest import mock

import time_machine
from django.db import OperationalError, connection

from api.models import ApiKey, digest

URL = "/api/v1/tags/"
MID_MINUTE = datetime(2026, 12, 6, 12, 0, 30, tzinfo=UTC)


def test_any_origin_may_read_and_preflight(series, client):
    response = client.get(URL, headers={"Origin": "https://app.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        URL,
        headers={
            "Origin": "https://app.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert preflight.status_code == 204
    assert "Authorization" in preflight["Access-Control-Allow-Headers"]
    assert client.post(URL).status_code == 405


def test_anonymous_clients_are_limited_per_address(series, client, settings):
    settings.API_ANONYMOUS_PER_MINUTE = 3
    # Within one minute's window, whatever the clock says.
    with time_machine.travel(MID_MINUTE, tick=False):
        statuses = [client.get(f"{URL}?page_size={n}").status_code for n in range(1, 6)]
        refused = client.get(f"{URL}?page_size=9")
    assert statuses == [200, 200, 200, 429, 429]
    assert refused.json() == {"detail": "Too many requests."}
    assert refused["Retry-After"] == "60"


def test_a_key_has_its_own_higher_limit(series, client, settings):
    settings.API_ANONYMOUS_PER_MINUTE = 1
    key = ApiKey(name="Partner app", requests_per_minute=5)
    secret = key.issue()
    key.save()
    with time_machine.travel(MID_MINUTE, tick=False):
        statuses = [
            client.get(f"{URL}?page_size={n}", headers={"Authorization": f"Bearer {secret}"})
            for n in range(1, 8)
        ]
    assert [response.status_code for response in statuses] == [200] * 5 + [429] * 2
    key.refresh_from_db()
    assert key.last_used_at is not None


def test_an_unknown_or_revoked_key_is_refused(series, client):
    response = client.get(URL, headers={"X-Api-Key": "not-a-key"})
    assert response.status_code == 401
    key = ApiKey(name="Old partner", is_active=False)
    secret = key.issue()
    key.save()
    assert client.get(URL, headers={"X-Api-Key": secret}).status_code == 401


def test_the_admin_shows_a_new_key_once_and_stores_its_hash(admin_client, db):
    response = admin_client.post(
        "/admin/api/apikey/add/",
        {"name": "Partner app", "requests_per_minute": 600, "is_active": "on"},
        follow=True,
    )
    message = next(str(m) for m in response.context["messages"])
    secret = message.split(" is ")[1].split(" — ")[0]
    key = ApiKey.objects.get()
    assert key.key_hash == digest(secret) and secret not in key.key_hash
    assert key.prefix == secret[:8]
    page = admin_client.get(f"/admin/api/apikey/{key.pk}/change/").content.decode()
    assert secret not in page


def test_editors_without_the_permission_cannot_issue_keys(client, django_user_model):
    editor = django_user_model.objects.create_user("ed", password="pw", is_staff=True)
    client.force_login(editor)
    assert client.get("/admin/api/apikey/add/").status_code == 403


def test_the_database_away_is_a_json_503(series, client):
    with mock.patch.object(connection, "ensure_connection", side_effect=OperationalError("down")):
        response = client.get("/api/v1/recaps/")
    assert response.status_code == 503
    assert response.json()["detail"].startswith("The database is away")
    assert response["Retry-After"]
    assert response["Access-Control-Allow-Origin"] == "*"

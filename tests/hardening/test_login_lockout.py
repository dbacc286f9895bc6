"""Admin logins that lock out (django-axes): five wrong passwords for one user name from one
address within 15 minutes lock that pair out for an hour, with a readable page."""

import logging
import re
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "correct horse battery"


def login(client, username, password, address="203.0.113.5", agent="Firefox"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_USER_AGENT=agent,
    )


def fail(client, username, times, address="203.0.113.5"):
    return [login(client, username, "wrong", address) for _ in range(times)][-1]


def test_four_failures_only_say_the_password_is_wrong(client, editor):
    response = fail(client, "editor", 4)
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.text


def test_the_fifth_failure_locks_the_pair_out_with_a_readable_page(client, editor, caplog):
    with caplog.at_level(logging.WARNING, logger="axes"):
        response = fail(client, "editor", 5)
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Too many failed logins" in response.text
    assert "paused for 60 minutes" in response.text
    assert "Try again in 60 minutes" in response.text
    assert "Locking out" in caplog.text  # axes logs each lockout
    # The right password does not help while locked out.
    assert login(client, "editor", PASSWORD).status_code == 429


def test_the_lockout_holds_only_for_that_user_name_and_address(client, editor):
    fail(client, "editor", 5)
    assert login(client, "editor", PASSWORD, address="198.51.100.1").status_code == 302
    client.logout()
    assert login(client, "someone-else", "wrong").status_code == 200


def test_a_successful_login_resets_the_count(client, editor):
    fail(client, "editor", 4)
    assert login(client, "editor", PASSWORD).status_code == 302
    client.logout()
    assert fail(client, "editor", 4).status_code == 200
    assert AccessAttempt.objects.get().failures_since_start == 4


def test_failures_further_apart_than_the_window_do_not_add_up(client, editor):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        fail(client, "editor", 4)
        clock.move_to(start + timedelta(minutes=16))
        assert fail(client, "editor", 4).status_code == 200


def test_the_lockout_ends_an_hour_after_the_last_failure(client, editor):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        fail(client, "editor", 5)
        clock.move_to(start + timedelta(minutes=59))
        assert login(client, "editor", PASSWORD).status_code == 429
        clock.move_to(start + timedelta(minutes=61))
        assert login(client, "editor", PASSWORD).status_code == 302


def test_another_users_failed_login_does_not_end_the_lockout_early(client, editor):
    """Axes forgot every attempt older than the cool-off time of whoever failed next: the
    next wrong password of anyone else, 15 minutes on, freed the pair."""
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        fail(client, "editor", 5)
        clock.move_to(start + timedelta(minutes=20))
        assert login(client, "someone-else", "wrong", address="198.51.100.9").status_code == 200
        clock.move_to(start + timedelta(minutes=59))
        assert login(client, "editor", PASSWORD).status_code == 429
        clock.move_to(start + timedelta(minutes=61))
        assert login(client, "editor", PASSWORD).status_code == 302


def test_a_new_user_agent_for_each_attempt_neither_escapes_nor_shortens_the_lockout(client, editor):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for n in range(4):
            assert login(client, "editor", "wrong", agent=f"Browser {n}").status_code == 200
            clock.shift(timedelta(minutes=10))
        assert login(client, "editor", "wrong", agent="Browser 4").status_code == 429
        last_failure = start + timedelta(minutes=40)
        assert login(client, "editor", PASSWORD, agent="Browser 5").status_code == 429
        clock.move_to(last_failure + timedelta(minutes=59))
        assert login(client, "editor", PASSWORD, agent="Browser 6").status_code == 429
        clock.move_to(last_failure + timedelta(minutes=61))
        assert login(client, "editor", PASSWORD, agent="Browser 7").status_code == 302


def test_the_lockout_page_carries_the_admin_sites_branding(client, editor):
    page = fail(client, "editor", 5).text
    login_page = client.get(LOGIN).text
    header = f'<div id="site-name"><a href="/admin/">{admin.site.site_header}</a></div>'
    assert header in page and header in login_page
    assert f"<title>Too many failed logins | {admin.site.site_title}</title>" in page
    assert "Django administration" not in page
    assert "Django site admin" not in page
    assert 'id="nav-sidebar"' not in page  # laid out as the login page, not as a signed-in one


def without_tokens(html):
    return re.sub(r'(csrfmiddlewaretoken" value|nonce)="[^"]*"', "", html)


def test_a_locked_out_attacker_cannot_tell_whether_the_user_name_exists(client, editor):
    known = fail(client, "editor", 6)
    unknown = fail(client, "no-such-editor", 6)
    assert known.status_code == unknown.status_code == 429
    assert without_tokens(known.text) == without_tokens(unknown.text)
    assert "editor" not in known.text.replace("Episodic editors", "")


def test_a_superuser_unlocks_the_pair_from_the_admin(client, editor, django_user_model):
    writer = django_user_model.objects.create_user(
        username="writer", password=PASSWORD, is_staff=True
    )
    fail(client, "writer", 5)
    attempt = AccessAttempt.objects.get(username="writer")

    admin_client = type(client)()
    admin_client.force_login(editor)
    changelist = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert "writer" in changelist.text
    response = admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert login(client, "writer", PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(writer.pk)

"""The login lockout behind the shipped nginx (deploy/nginx.conf) with DJANGO_TRUSTED_PROXIES=1,
as the README deploys it: readers connect to nginx from addresses of their own (127.0.0.2 and
127.0.0.3, both loopback on Linux) and the app, reached only through nginx, tells them apart.

Needs Debian's nginx (/usr/sbin/nginx), which `make test` installs; fails, saying so, without it."""

import http.client
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model

from deploy import nginx
from tests.shipped_nginx import require_nginx

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery"


@pytest.fixture
def front(live_server, settings, tmp_path):
    """nginx on 127.0.0.1 in front of the live server; yields its port."""
    require_nginx()
    settings.TRUSTED_PROXIES = ["1"]
    get_user_model().objects.create_user("wren", password=PASSWORD, is_staff=True)
    port = nginx.free_port()
    body = nginx.render(
        {
            "EPISODIC_UPSTREAM": live_server.url.removeprefix("http://"),
            "EPISODIC_LISTEN": f"127.0.0.1:{port}",
            "EPISODIC_SERVER_NAME": "127.0.0.1",
            "EPISODIC_CACHE_PATH": tmp_path / "cache",
            "EPISODIC_MEDIA_ROOT": tmp_path / "media",
        }
    )
    with nginx.Nginx(tmp_path / "nginx", body, port, workers=1):
        yield port


def log_in(port, reader, password, forwarded=None):
    """The admin login as a browser at address `reader` sends it through nginx: the login
    page (for its CSRF cookie and token), then the form. Returns the form's status."""

    def send(method, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", port, source_address=(reader, 0))
        connection.request(method, "/admin/login/?next=/admin/", body, headers or {})
        response = connection.getresponse()
        return response, response.read().decode()

    page, html = send("GET")
    cookie = SimpleCookie(page.headers["Set-Cookie"])["csrftoken"].value
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
    }
    if forwarded:
        headers["X-Forwarded-For"] = forwarded
    form = {"csrfmiddlewaretoken": token, "username": "wren", "password": password}
    response, _ = send("POST", urlencode(form), headers)
    return response.status


def test_one_readers_wrong_passwords_lock_out_that_reader_only(front):
    assert [log_in(front, "127.0.0.2", "wrong") for _ in range(5)] == [200] * 4 + [429]
    # A made-up X-Forwarded-For does not help: nginx appends the address it saw.
    assert log_in(front, "127.0.0.2", PASSWORD, forwarded="203.0.113.9") == 429
    assert log_in(front, "127.0.0.3", PASSWORD) == 302

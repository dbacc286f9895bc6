"""core.fetch: the one way the site fetches a URL. The classic ways around an address check are
refused before anything connects, every redirect is checked again, and size and time are
bounded. Servers here listen on 127.0.0.1, which fetch refuses unless told to trust them."""

import functools
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from core import fetch

MAX = 10_000


class Recorder(BaseHTTPRequestHandler):
    """Answers by path; every request it gets is kept in `server.seen`."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.server.seen.append({"path": self.path, **dict(self.headers.items())})
        path, _, query = self.path.partition("?")
        if path == "/image":
            self.answer(200, b"GIF89a pixels", [("Content-Type", "image/gif")])
        elif path == "/redirect":
            self.answer(302, b"", [("Location", query)])
        elif path == "/loop":
            self.answer(302, b"", [("Location", "/loop")])
        elif path == "/missing":
            self.answer(404, b"not here")
        elif path == "/large":
            self.answer(200, b"x" * (MAX + 1))
        elif path == "/large-no-length":
            self.send_response(200)
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"x" * 1_000)
        elif path == "/trickle":
            self.send_response(200)
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
        elif path == "/silent":
            time.sleep(5)
        else:
            self.answer(200, b"hello")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.seen.append({"path": self.path, "body": body, **dict(self.headers.items())})
        if self.path == "/redirect":
            self.answer(307, b"", [("Location", "/elsewhere")])
        else:
            self.answer(202, b"taken")

    def answer(self, status, body, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def start_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.daemon_threads = True
    server.seen = []
    # A short poll: shutdown() waits for it.
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


@pytest.fixture
def server():
    """A server on 127.0.0.1; `server.url` is its base URL, which tests trust or not."""
    server = start_server()
    server.url = f"http://127.0.0.1:{server.server_port}"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def other_server():
    """A second listener on loopback, where a redirect or a trick may try to lead."""
    server = start_server()
    yield server
    server.shutdown()
    server.server_close()


def trusted_fetch(server, path, **options):
    return fetch.fetch(server.url + path, max_bytes=MAX, trusted_origins=[server.url], **options)


@pytest.fixture
def resolve(monkeypatch):
    """Make host names resolve to addresses of the test's choosing, at socket.getaddrinfo;
    `resolve.calls` lists the names looked up."""
    real = socket.getaddrinfo
    names = {}

    def getaddrinfo(host, port, *args, **kwargs):
        resolve.calls.append(host)
        if host in names:
            return [
                (
                    socket.AF_INET6 if ":" in address else socket.AF_INET,
                    socket.SOCK_STREAM,
                    6,
                    "",
                    (address, port, 0, 0) if ":" in address else (address, port),
                )
                for address in names[host]
            ]
        return real(host, port, *args, **kwargs)

    def resolve(host, *addresses):
        names[host] = addresses

    resolve.calls = []
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return resolve


# Classic bypasses: each leads to loopback, a private network or cloud metadata, and is refused
# before a connection is made. The listener on loopback hears nothing.


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/",
        "http://localhost:{port}/",
        "http://127.1:{port}/",
        "http://0x7f000001:{port}/",
        "http://2130706433:{port}/",
        "http://0177.0.0.1:{port}/",
        "http://[::1]:{port}/",
        "http://[::ffff:127.0.0.1]:{port}/",
        "http://0.0.0.0:{port}/",
        "http://[::]:{port}/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/",
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
        "http://[fc00::1]/",
        "http://[ff02::1]/",
        "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
        "http://[64:ff9b::7f00:1]/",  # NAT64 of 127.0.0.1
    ],
)
def test_an_address_off_the_public_internet_is_refused_however_it_is_spelt(other_server, url):
    with pytest.raises(fetch.Refused, match="not on the public internet"):
        fetch.fetch(url.format(port=other_server.server_port), max_bytes=MAX)
    assert other_server.seen == []


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("//127.0.0.1:{port}/x.jpg", "not an http or https address"),
        ("%2F%2F127.0.0.1:{port}/x.jpg", "not an http or https address"),
        ("file:///etc/passwd", "not an http or https address"),
        ("ftp://example.com/file", "not an http or https address"),
        ("gopher://127.0.0.1:{port}/_GET%20/", "not an http or https address"),
        ("javascript:alert(1)", "not an http or https address"),
        ("http:///x.jpg", "names no host"),
        ("http:%2F%2F127.0.0.1:{port}/", "names no host"),
        ("http://user:secret@127.0.0.1:{port}/", "user name or password"),
        ("http://example.com@127.0.0.1:{port}/", "user name or password"),
        ("http://127.0.0.1:{port}/a b", "spaces or control characters"),
        ("http://127.0.0.1:{port}/\r\nX-Injected: 1", "spaces or control characters"),
        ("http://127.0.0.1:99999/", "not a valid address"),
        ("http://[::1/", "not a valid address"),
        ("http://127.0.0.1:{port}/사진.jpg", "not percent-encoded"),
    ],
)
def test_a_url_that_is_not_plain_http_is_refused(other_server, url, reason):
    with pytest.raises(fetch.Refused, match=reason):
        fetch.fetch(url.format(port=other_server.server_port), max_bytes=MAX)
    assert other_server.seen == []


def test_a_name_that_resolves_to_a_private_network_is_refused(resolve):
    resolve("images.example.com", "10.0.0.7")
    with pytest.raises(fetch.Refused, match="leads to 10.0.0.7"):
        fetch.fetch("https://images.example.com/still.jpg", max_bytes=MAX)


def test_a_name_with_one_private_address_among_public_ones_is_refused(resolve):
    resolve("images.example.com", "93.184.216.34", "127.0.0.1")
    with pytest.raises(fetch.Refused, match="leads to 127.0.0.1"):
        fetch.fetch("https://images.example.com/still.jpg", max_bytes=MAX)


def test_a_redirect_to_loopback_is_refused(server, other_server):
    target = f"http://127.0.0.1:{other_server.server_port}/secret"
    with pytest.raises(fetch.Refused, match="not on the public internet"):
        trusted_fetch(server, f"/redirect?{target}")
    assert [seen["path"] for seen in server.seen] == [f"/redirect?{target}"]
    assert other_server.seen == []


def test_a_redirect_to_another_name_for_a_trusted_server_is_refused(server):
    """Trust is for the origin the operator named, not for whatever else reaches its host."""
    target = f"http://localhost:{server.server_port}/image"
    with pytest.raises(fetch.Refused):
        trusted_fetch(server, f"/redirect?{target}")
    assert len(server.seen) == 1


def test_a_redirect_within_the_trusted_origin_is_followed(server):
    fetched = trusted_fetch(server, "/redirect?/image")
    assert fetched == fetch.Fetched(server.url + "/image", "image/gif", b"GIF89a pixels")


def test_redirects_are_counted(server):
    with pytest.raises(fetch.Refused, match="redirects more than 5 times"):
        trusted_fetch(server, "/loop")
    assert len(server.seen) == fetch.MAX_REDIRECTS + 1


def test_only_the_listed_origins_are_fetched(server):
    with pytest.raises(fetch.Refused, match="is not on https://old.example.com:443"):
        trusted_fetch(server, "/image", origins=["https://old.example.com/wp-content/uploads/"])
    assert server.seen == []


def test_a_redirect_off_the_listed_origins_is_refused(server, other_server):
    other = f"http://127.0.0.1:{other_server.server_port}"
    with pytest.raises(fetch.Refused, match="is not on"):
        fetch.fetch(
            f"{server.url}/redirect?{other}/image",
            max_bytes=MAX,
            origins=[server.url],
            trusted_origins=[server.url, other],
        )
    assert other_server.seen == []


def test_the_connection_goes_to_the_address_that_was_checked(resolve, server, settings):
    """One lookup: a name that answers differently the second time (DNS rebinding) is never
    asked again. The request still names the host."""
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    resolve("images.example.com", "127.0.0.1")
    fetched = fetch.fetch(f"http://images.example.com:{server.server_port}/image", max_bytes=MAX)
    assert fetched.body == b"GIF89a pixels"
    assert resolve.calls == ["images.example.com"]
    (request,) = server.seen
    assert request["Host"] == f"images.example.com:{server.server_port}"


def test_the_request_names_the_site_and_takes_no_proxy(server, monkeypatch, settings):
    settings.SITE_NAME = "Harbour Recaps"
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    trusted_fetch(server, "/image", accept="image/*")
    (request,) = server.seen
    assert request["User-Agent"] == "Episodic (Harbour Recaps; testserver)"
    assert request["Accept"] == "image/*"
    assert request["Accept-Encoding"] == "identity"


def test_an_answer_larger_than_the_limit_is_refused_by_its_length(server):
    with pytest.raises(fetch.TooLarge, match="larger than 9.8"):
        trusted_fetch(server, "/large")


def test_an_answer_without_a_length_is_read_no_further_than_the_limit(server):
    with pytest.raises(fetch.TooLarge):
        trusted_fetch(server, "/large-no-length")


def test_a_server_that_trickles_is_cut_off_at_the_total_time(server):
    started = time.monotonic()
    with pytest.raises(fetch.TimedOut):
        trusted_fetch(server, "/trickle", total_timeout=1)
    assert time.monotonic() - started < 2


def test_a_server_that_never_answers_is_cut_off_at_the_total_time(server):
    started = time.monotonic()
    with pytest.raises(fetch.TimedOut):
        trusted_fetch(server, "/silent", total_timeout=0.5)
    assert time.monotonic() - started < 1.5


def test_an_error_status_is_an_error_with_its_status(server):
    with pytest.raises(fetch.BadStatus) as caught:
        trusted_fetch(server, "/missing")
    assert caught.value.status == 404


def test_a_closed_port_or_an_unknown_name_is_unreachable(server):
    closed = f"http://127.0.0.1:{start_closed_port()}"
    with pytest.raises(fetch.Unreachable):
        fetch.fetch(closed + "/", max_bytes=MAX, trusted_origins=[closed])
    with pytest.raises(fetch.Unreachable, match="could not be found"):
        fetch.fetch("http://no-such-host.invalid/", max_bytes=MAX)


def start_closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("8.8.8.8", True),
        ("127.0.0.1", False),
        ("10.0.0.1", False),
        ("169.254.169.254", False),
        ("::ffff:8.8.8.8", False),
        ("fe80::1%eth0", False),
        ("2001:db8::1", False),
    ],
)
def test_which_addresses_are_public(address, public):
    assert fetch.is_public(address) is public


def test_the_settings_may_allow_a_private_network(settings):
    settings.FETCH_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    assert fetch.is_public("10.20.3.4")
    assert not fetch.is_public("10.21.3.4")


# TLS: the connection goes to the checked address, and the certificate is checked against the
# name in the URL, which is also the name sent in SNI.


@pytest.fixture
def tls_server(tmp_path):
    """An HTTPS server on 127.0.0.1 with a certificate for images.example.com (moto's
    cryptography draws it); yields (server, its certificate's PEM path)."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "images.example.com")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("images.example.com")]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    server_names = []
    context.sni_callback = lambda sock, server_name, ctx: server_names.append(server_name)
    server = start_server()
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.server_names = server_names
    yield server, cert_path
    server.shutdown()
    server.server_close()


def test_tls_checks_the_certificate_against_the_name_in_the_url(tls_server, resolve, settings):
    server, _ = tls_server
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    resolve("images.example.com", "127.0.0.1")
    with pytest.raises(fetch.Unreachable, match="CERTIFICATE_VERIFY_FAILED"):
        fetch.fetch(f"https://images.example.com:{server.server_port}/image", max_bytes=MAX)
    assert server.server_names == ["images.example.com"]


def test_tls_to_the_checked_address_under_the_right_name(
    tls_server, resolve, settings, monkeypatch
):
    server, cert_path = tls_server
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    resolve("images.example.com", "127.0.0.1")
    trusting_the_test_certificate = functools.partial(ssl.create_default_context, cafile=cert_path)
    monkeypatch.setattr(ssl, "create_default_context", trusting_the_test_certificate)
    url = f"https://images.example.com:{server.server_port}/image"
    assert fetch.fetch(url, max_bytes=MAX).body == b"GIF89a pixels"
    assert resolve.calls == ["images.example.com"]
    assert server.seen[0]["Host"] == f"images.example.com:{server.server_port}"


def test_post_sends_the_body_and_headers_once(server):
    answered = fetch.post(
        server.url + "/hooks",
        b'{"a":1}',
        content_type="application/json",
        headers={"webhook-id": "msg_1"},
        max_bytes=MAX,
        trusted_origins=[server.url],
    )
    assert (answered.status, answered.body) == (202, b"taken")
    (seen,) = server.seen
    assert seen["body"] == b'{"a":1}' and seen["webhook-id"] == "msg_1"
    assert seen["Content-Type"] == "application/json"


def test_post_follows_no_redirect(server):
    with pytest.raises(fetch.BadStatus) as refused:
        fetch.post(
            server.url + "/redirect",
            b"{}",
            content_type="application/json",
            max_bytes=MAX,
            trusted_origins=[server.url],
        )
    assert refused.value.status == 307
    assert [seen["path"] for seen in server.seen] == ["/redirect"]


def test_post_and_check_address_refuse_loopback_unless_trusted(server):
    with pytest.raises(fetch.Refused, match="not on the public internet"):
        fetch.post(server.url + "/hooks", b"{}", content_type="application/json", max_bytes=MAX)
    with pytest.raises(fetch.Refused, match="not on the public internet"):
        fetch.check_address(server.url + "/hooks")
    fetch.check_address(server.url + "/hooks", trusted_origins=[server.url])
    assert server.seen == []

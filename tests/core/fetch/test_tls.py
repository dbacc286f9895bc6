"""core.fetch over TLS: the connection goes to the checked address, and the certificate is
checked against the name in the URL, which is also the name sent in SNI."""

import functools
import ssl

import pytest

from core import fetch
from tests.core.fetch.recorder import MAX, start_server


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

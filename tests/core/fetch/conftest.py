"""core.fetch's fixtures: servers on loopback (which fetch refuses unless told to trust them)
and names that resolve where a test says."""

import socket

import pytest

from tests.core.fetch.recorder import start_server


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

"""deploy/nginx.conf as shipped, run on a free port of 127.0.0.1 for a test (Debian's nginx)."""

from contextlib import contextmanager

from deploy import nginx
from tests.servers import installed


def require_nginx():
    """Fails the test, saying what to install, on a machine without Debian's nginx."""
    installed(str(nginx.NGINX), "nginx-light")


@contextmanager
def shipped(prefix, upstream_port, media_root=None):
    """nginx running deploy/nginx.conf in front of 127.0.0.1:`upstream_port`, serving
    `media_root` (by default `prefix`/media) at /media/; yields its base URL."""
    require_nginx()
    port = nginx.free_port()
    body = nginx.render(
        {
            "EPISODIC_UPSTREAM": f"127.0.0.1:{upstream_port}",
            "EPISODIC_LISTEN": f"127.0.0.1:{port}",
            "EPISODIC_SERVER_NAME": "127.0.0.1",
            "EPISODIC_CACHE_PATH": prefix / "cache",
            "EPISODIC_MEDIA_ROOT": media_root or prefix / "media",
        }
    )
    with nginx.Nginx(prefix, body, port, workers=1):
        yield f"http://127.0.0.1:{port}"

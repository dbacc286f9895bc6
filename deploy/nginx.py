"""Runs nginx with deploy/nginx.conf on 127.0.0.1, for `manage.py bench` and the tests.

The shipped file is an `http {}` snippet with ${EPISODIC_*} placeholders. `render()` fills them
(nothing else in the file changes), and `Nginx` wraps the result in a main configuration of its
own — pid, error log and temporary files under a private prefix, no access log — checks it with
`nginx -t` and runs nginx in the foreground until `stop()`."""

import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

NGINX = Path("/usr/sbin/nginx")
CONFIG = Path(__file__).with_name("nginx.conf")
PLACEHOLDER = re.compile(r"\$\{(EPISODIC_[A-Z_]+)\}")
MIME_TYPES = Path("/etc/nginx/mime.types")


def render(values, template=None):
    """deploy/nginx.conf with every ${EPISODIC_*} placeholder replaced from `values`."""
    text = CONFIG.read_text() if template is None else template
    missing = set(PLACEHOLDER.findall(text)) - set(values)
    if missing:
        raise ValueError(f"no value for {', '.join(sorted(missing))}")
    return PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), text)


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, timeout, process=None):
    """Wait until 127.0.0.1:`port` accepts connections; False after `timeout` seconds or as soon
    as `process` has exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def stop_process(process, sig=signal.SIGTERM, timeout=15):
    """Ask a child started in a session of its own to stop; kill its process group if it has
    not stopped after `timeout` seconds (nginx and gunicorn workers go with their master)."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=timeout)


class Nginx:
    """nginx in the foreground on 127.0.0.1:`port`, serving `http_body` (an http-level snippet)
    from a prefix directory of its own."""

    def __init__(self, prefix, http_body, port, workers="auto"):
        self.prefix = Path(prefix)
        self.port = port
        self.process = None
        self.prefix.mkdir(parents=True, exist_ok=True)
        (self.prefix / "site.conf").write_text(http_body)
        self.conf = self.prefix / "nginx.conf"
        self.conf.write_text(self.main_config(workers))

    def main_config(self, workers):
        temp = "\n".join(
            f"    {kind}_temp_path {self.prefix / ('temp-' + kind)};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        # The workers run as whoever runs this (started by root, nginx would hand them to
        # `nobody`, who cannot reach a private temporary directory).
        user = "user root;\n" if os.geteuid() == 0 else ""
        return f"""# Written by deploy/nginx.py for a local run; the site is in site.conf.
{user}worker_processes {workers};
pid {self.prefix / "nginx.pid"};
error_log {self.prefix / "error.log"} warn;
daemon off;
events {{
    worker_connections 1024;
}}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
{temp}
    include {self.prefix / "site.conf"};
}}
"""

    def command(self, *extra):
        return [
            str(NGINX),
            "-p",
            str(self.prefix),
            "-c",
            str(self.conf),
            "-e",
            str(self.prefix / "error.log"),
            *extra,
        ]

    def test(self):
        """`nginx -t` on the written configuration; its report, or RuntimeError."""
        check = subprocess.run(self.command("-t"), capture_output=True, text=True, timeout=30)
        if check.returncode:
            raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
        return check.stderr.strip()

    def start(self, timeout=20):
        self.test()
        self.process = subprocess.Popen(
            self.command(), start_new_session=True, stdout=subprocess.DEVNULL
        )
        if not wait_for_port(self.port, timeout, self.process):
            self.stop()
            raise RuntimeError(f"nginx did not listen on 127.0.0.1:{self.port}:\n{self.errors()}")
        return self

    def errors(self):
        log = self.prefix / "error.log"
        return log.read_text() if log.exists() else ""

    def stop(self):
        # SIGQUIT: graceful shutdown, the workers finish what they are sending.
        stop_process(self.process, signal.SIGQUIT, timeout=10)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

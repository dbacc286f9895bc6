"""gunicorn's logger without the probes' lines: `--logger-class health.gunicorn.Logger`."""

from gunicorn import glogging

from . import paths

PROBES = (paths.LIVENESS, paths.READINESS)


class Logger(glogging.Logger):
    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO") not in PROBES:
            super().access(resp, req, environ, request_time)

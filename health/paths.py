"""Where the probes answer, for the middleware and for gunicorn's logger (which loads before
Django does)."""

LIVENESS = "/healthz"
READINESS = "/readyz"

"""gunicorn's configuration for production (docs/operations/deploy.md):

    gunicorn -c python:aimonitor.web.project.gunicorn_conf aimonitor.web.project.wsgi

gunicorn sits behind a buffering reverse proxy (nginx) that terminates TLS: its sync workers
handle one request at a time, so a slow client talking to a worker directly would hold it
for as long as it likes; the proxy reads whole requests and takes whole responses before a
worker is involved, so each worker is busy only for the milliseconds of the work itself.
"""

from __future__ import annotations

import multiprocessing
import os

# Only the proxy talks to gunicorn: listen on the loopback interface (or a Unix socket,
# AIMONITOR_BIND=unix:/run/aimonitor/gunicorn.sock).
bind = [os.environ.get("AIMONITOR_BIND", "127.0.0.1:8000")]

# Sync workers, as gunicorn advises for CPU-bound work behind a buffering proxy: two per
# core plus one by default, WEB_CONCURRENCY to choose (each worker holds a database
# connection and about 150 MB).
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * multiprocessing.cpu_count() + 1)))
worker_class = "sync"

# A page takes well under a second; a worker silent for 30 s is stuck and is restarted.
timeout = 30
graceful_timeout = 30
# The proxy keeps its connections to gunicorn open briefly between requests.
keepalive = 5
# Restart each worker after about 10,000 requests, staggered, to bound slow memory growth
# (a restart re-imports Django: about a second of CPU, bench/RESULTS.md, survey portal).
max_requests = 10000
max_requests_jitter = 1000

# The proxy on this machine may tell gunicorn the client's scheme (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to stderr for the service manager: gunicorn's own as key=value lines, the app's as
# JSON lines (aimonitor.web.project.logs); no request bodies, no cookies.
accesslog = "-"
errorlog = "-"
loglevel = "info"
access_log_format = (
    'remote=%(h)s method=%(m)s path="%(U)s" status=%(s)s bytes=%(B)s duration_ms=%(M)s '
    'agent="%(a)s"'
)

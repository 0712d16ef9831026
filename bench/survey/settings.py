"""The project's settings, with the benchmark's URLs: the project's own plus a bare view.

Only for ``bench/survey``; nothing in ``src/`` knows of it. ``BENCH_CONN_MAX_AGE`` (seconds,
0: a new database connection for every request) overrides the project's ``CONN_MAX_AGE``,
for the comparison in bench/RESULTS.md; unset, the database settings are the project's.
"""

from __future__ import annotations

import os

from aimonitor.web.project.settings import *  # noqa: F403
from aimonitor.web.project.settings import DATABASES

ROOT_URLCONF = "bench.survey.urls"

if os.environ.get("BENCH_CONN_MAX_AGE", "") != "":
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ["BENCH_CONN_MAX_AGE"])

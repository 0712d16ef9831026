"""Structured logs: every record as one JSON object a line on stderr, with its traceback when
it has one, and never a credential (:func:`aimonitor.errors.redact_credentials`).

Django logs every server error (``django.request``, level ERROR) with its exception; with
these settings that line reaches stderr in production too, where the proxy or the service
manager collects it.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from aimonitor.errors import redact_credentials
from aimonitor.web.project.config import ConfigurationError

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class JsonLinesFormatter(logging.Formatter):
    """``{"time", "level", "logger", "message"}``, plus ``"traceback"`` for an exception and
    ``"status"``/``"path"`` for Django's request errors."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            line["status"] = status
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        if isinstance(path, str):
            line["path"] = path
        if record.exc_info:
            line["traceback"] = self.formatException(record.exc_info)
        elif record.stack_info:
            line["traceback"] = self.formatStack(record.stack_info)
        return redact_credentials(json.dumps(line, ensure_ascii=False, default=str))


def logging_settings(level: str) -> dict[str, Any]:
    """Django's ``LOGGING``: everything at ``level`` or above as JSON lines on stderr."""
    level = level.strip().upper()
    if level not in LEVELS:
        raise ConfigurationError(
            f"environment variable AIMONITOR_LOG_LEVEL={level!r} is not one of {', '.join(LEVELS)}"
        )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonLinesFormatter}},
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "json", "level": level},
        },
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            # Django's own handlers (console in DEBUG, mail to admins) give way to ours.
            "django": {"handlers": ["stderr"], "level": level, "propagate": False},
            # Requests that were refused (DisallowedHost and the like) are warnings.
            "django.security": {"handlers": ["stderr"], "level": level, "propagate": False},
        },
    }

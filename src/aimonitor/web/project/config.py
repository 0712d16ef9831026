"""Typed helpers that read settings from environment variables and fail loudly.

Every setting the app reads is documented in ``docs/operations/configuration.md``; a test
checks that the two stay in step.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from aimonitor.errors import AimonitorError
from aimonitor.paths import PROJECT_ROOT


class ConfigurationError(AimonitorError):
    """A setting is missing or malformed."""


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ConfigurationError(f"environment variable {name} is required but not set")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"environment variable {name}={raw!r} is not a boolean (use 1 or 0)")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def var_dir() -> Path:
    """The folder for local state: the SQLite file, the dev secret key, built reports."""
    path = Path(env_str("AIMONITOR_VAR_DIR", str(PROJECT_ROOT / "var")))
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(production: bool) -> str:
    """The SECRET_KEY: required in production, otherwise a generated key kept under var/."""
    configured = os.environ.get("SECRET_KEY")
    if configured:
        return configured
    if production:
        raise ConfigurationError("SECRET_KEY must be set when AIMONITOR_PRODUCTION=1")
    key_file = var_dir() / "dev-secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    return key_file.read_text(encoding="utf-8").strip()


def database_url() -> str:
    default = f"sqlite:///{var_dir() / 'aimonitor.sqlite3'}"
    return env_str("DATABASE_URL", default)


def database_settings(url: str) -> dict[str, object]:
    """Parse DATABASE_URL, refusing schemes we do not support with a clear message."""
    import dj_database_url

    scheme = url.split(":", 1)[0]
    supported = {"sqlite", "postgres", "postgresql", "pgsql"}
    if scheme not in supported:
        raise ConfigurationError(
            f"DATABASE_URL={url!r}: unsupported scheme {scheme!r} "
            "(use sqlite:///path or postgres://user@host:port/name)"
        )
    try:
        parsed: dict[str, object] = dict(dj_database_url.parse(url))
    except Exception as error:  # dj-database-url raises plain ValueErrors
        raise ConfigurationError(f"DATABASE_URL={url!r} cannot be parsed: {error}") from error
    if not parsed.get("NAME"):
        raise ConfigurationError(f"DATABASE_URL={url!r} names no database")
    return parsed

"""Typed helpers that read settings from environment variables and fail loudly.

Every setting the app reads is documented in ``docs/operations/configuration.md``; a test
checks that the two stay in step.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from aimonitor.errors import AimonitorError, redact_credentials
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


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigurationError(
            f"environment variable {name}={raw!r} is not a whole number"
        ) from None
    if value < 0:
        raise ConfigurationError(f"environment variable {name}={raw!r} must not be negative")
    return value


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
    return _development_secret_key(var_dir() / "dev-secret-key")


def _development_secret_key(key_file: Path) -> str:
    """The generated development key, readable by its owner only (mode 0600): a new file is
    created so, an existing one that others may read is tightened (or refused)."""
    try:
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if key_file.stat().st_mode & 0o077:
            try:
                key_file.chmod(0o600)
            except OSError as error:
                raise ConfigurationError(
                    f"{key_file} can be read by others and cannot be made private "
                    f"({error.strerror}); remove it or run: chmod 600 {key_file}"
                ) from None
    else:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(50))
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
            f"DATABASE_URL={redact_credentials(url)!r}: unsupported scheme {scheme!r} "
            "(use sqlite:///path or postgres://user@host:port/name)"
        )
    try:
        parsed: dict[str, object] = dict(dj_database_url.parse(url))
    except Exception as error:  # dj-database-url raises plain ValueErrors
        raise ConfigurationError(
            f"DATABASE_URL={redact_credentials(url)!r} cannot be parsed: "
            f"{redact_credentials(str(error))}"
        ) from None
    if not parsed.get("NAME"):
        raise ConfigurationError(f"DATABASE_URL={redact_credentials(url)!r} names no database")
    return parsed

"""Start Django for commands that run outside a web server, with clear errors, and bring the
database up to date (migrations, the frame's copy)."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from aimonitor.errors import AimonitorError

T = TypeVar("T")


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aimonitor.web.project.settings")
    import django

    django.setup()


@contextmanager
def database_errors_explained() -> Iterator[None]:
    """Turn a database that cannot be reached into one line naming the database."""
    from django.conf import settings
    from django.db import IntegrityError, OperationalError
    from django.db.migrations.exceptions import MigrationSchemaMissing

    try:
        yield
    except MigrationSchemaMissing as error:
        raise AimonitorError(
            "another aimonitor command was setting up the same database at the same time; "
            f"nothing was changed by this one, run it again: {_first_line(error)}"
        ) from error
    except IntegrityError as error:
        # Another command wrote the same rows at the same time (two `demo-data` runs): this
        # one's transaction rolled back, the other's data stand.
        raise AimonitorError(
            "the database changed while this command ran (is another aimonitor command "
            f"running?); nothing was changed by this one: {_first_line(error)}"
        ) from error
    except OperationalError as error:
        db = settings.DATABASES["default"]
        where = f"{str(db.get('ENGINE', '?')).rsplit('.', 1)[-1]} database {db.get('NAME')!s}"
        if db.get("HOST"):
            where += f" on {db.get('HOST')}:{db.get('PORT') or 'default port'}"
        raise AimonitorError(
            f"cannot use the {where} (check DATABASE_URL): {_first_line(error)}"
        ) from error


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def with_database(action: Callable[[], T]) -> T:
    setup_django()
    with database_errors_explained():
        return action()


@contextmanager
def one_set_up_at_a_time() -> Iterator[None]:
    """Hold an exclusive lock on ``var/setup.lock`` while the database is set up: two commands
    migrating a fresh database at once race on creating Django's migration table."""
    from django.conf import settings

    with (Path(settings.VAR_DIR) / "setup.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def set_up_database() -> str:
    """Migrate and load the population frame (both idempotent), one command at a time; say
    what was loaded."""
    from django.core.management import call_command

    from aimonitor.web.municipalities.loading import load_frame_into_database

    with one_set_up_at_a_time():
        call_command("migrate", interactive=False, verbosity=0)
        summary = load_frame_into_database()
    years = ", ".join(
        f"{year}: {count} municipalities" for year, count in summary.municipalities.items()
    )
    return f"frame loaded: {years}; {summary.mergers} mergers"

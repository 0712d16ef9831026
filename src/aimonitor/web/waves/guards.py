"""What may no longer change once a wave is fielded or published, and the one sanctioned way
to replace synthetic waves as a whole (``aimonitor demo-data``).

The models refuse forbidden changes in ``save``/``delete`` and in their querysets'
``update``/``delete`` with a :class:`FrozenError`; the database refuses them too, with
triggers (``waves/migrations/0004_guards.py``, ``fieldwork/migrations/0004_guards.py``; see
``docs/development/web.md``, "What can no longer change").
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar

from django.db import DatabaseError, connection, transaction
from django.db.transaction import TransactionManagementError

from aimonitor.errors import AimonitorError

REPLACING_SETTING = "aimonitor.replacing_synthetic_waves"
"""PostgreSQL setting (local to a transaction) that lets the triggers allow the deletion of
synthetic waves' rows; set only by :func:`replacing_synthetic_waves`."""

_replacing: ContextVar[bool] = ContextVar("replacing_synthetic_waves", default=False)


class FrozenError(AimonitorError):
    """A change of something that is fixed by now: a published wave, the frozen fields of a
    fielded wave, a submitted response or its answers."""


def is_replacing_synthetic_waves() -> bool:
    return _replacing.get()


@contextmanager
def replacing_synthetic_waves() -> Iterator[None]:
    """Allow, inside the current transaction, the deletion of synthetic waves with their
    responses and answers (never of a real wave). Only the demo data command uses this; the
    waves' own history records each deletion."""
    if not transaction.get_connection().in_atomic_block:
        raise FrozenError("synthetic waves are replaced only inside a transaction")
    token = _replacing.set(True)
    _set_database_flag("on")
    try:
        yield
    finally:
        _replacing.reset(token)
        # After an error the transaction is rolled back anyway (and takes the flag with it).
        with suppress(DatabaseError, TransactionManagementError):
            _set_database_flag("off")


def _set_database_flag(value: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, %s, true)", [REPLACING_SETTING, value])

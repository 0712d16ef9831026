"""Translations of the core's output text (gettext domain ``aimonitor``).

Message ids are English; the Dutch catalog lives in
``locale/nl/LC_MESSAGES/aimonitor.po`` and its compiled ``.mo`` next to it. English output
needs no catalog: the message ids are the English text.

Compile after editing the catalog::

    .venv/bin/pybabel compile -d src/aimonitor/locale -D aimonitor

Messages that are stored as data (rule tables) rather than passed straight to ``gettext`` are
wrapped in :func:`noop` so that extraction finds them.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path
from typing import Final

from aimonitor.errors import AimonitorError

DOMAIN: Final = "aimonitor"
LOCALE_DIR: Final = Path(__file__).resolve().parent / "locale"
SUPPORTED_LANGUAGES: Final = ("nl", "en")
DEFAULT_LANGUAGE: Final = "nl"


class UnknownLanguageError(AimonitorError):
    """A language code the monitor has no output text for."""

    def __init__(self, lang: str) -> None:
        supported = ", ".join(SUPPORTED_LANGUAGES)
        super().__init__(f"unknown language {lang!r}; supported languages are: {supported}")
        self.lang = lang


def check_language(lang: str) -> str:
    """Return ``lang`` unchanged when it is supported, else raise :class:`UnknownLanguageError`."""
    if lang not in SUPPORTED_LANGUAGES:
        raise UnknownLanguageError(lang)
    return lang


def noop(message: str) -> str:
    """Mark ``message`` as a message id for extraction without translating it now."""
    return message


@cache
def translator(lang: str) -> gettext.NullTranslations:
    """The translations for ``lang``: ``gettext`` and ``ngettext`` return text in that language.

    English returns the message ids themselves. Dutch reads the compiled catalog; a missing
    catalog is a packaging bug and raises ``FileNotFoundError``.
    """
    check_language(lang)
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang])

"""Languages and bilingual text: the one language type, the one text type, and gettext.

Every output of the monitor exists in Dutch and English. A language is a :data:`Lang`
(``"nl"`` or ``"en"``); a string from outside (a command-line option, a URL) becomes one through
:func:`check_language`. Text that is data (questionnaire and headline YAML, size-class labels)
is a :class:`Text`: Dutch and English side by side. Fixed words of the code go through gettext
(domain ``aimonitor``): message ids are English; the Dutch catalog lives in
``locale/nl/LC_MESSAGES/aimonitor.po`` and its compiled ``.mo`` next to it. English output
needs no catalog: the message ids are the English text.

Compile after editing the catalog (``make messages``)::

    .venv/bin/pybabel compile -d src/aimonitor/locale -D aimonitor

Messages that are stored as data (rule tables) rather than passed straight to ``gettext`` are
wrapped in :func:`noop` so that extraction finds them; :meth:`Text.translated` is a gettext
call in every language at once (extraction knows it too).
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from aimonitor.errors import AimonitorError

Lang = Literal["nl", "en"]
"""An output language of the monitor: Dutch (the default) or English."""

DOMAIN: Final = "aimonitor"
LOCALE_DIR: Final = Path(__file__).resolve().parent / "locale"
SUPPORTED_LANGUAGES: Final[tuple[Lang, ...]] = ("nl", "en")
DEFAULT_LANGUAGE: Final[Lang] = "nl"


class UnknownLanguageError(AimonitorError):
    """A language code the monitor has no output text for."""

    def __init__(self, lang: str) -> None:
        supported = ", ".join(SUPPORTED_LANGUAGES)
        super().__init__(f"unknown language {lang!r}; supported languages are: {supported}")
        self.lang = lang


def check_language(lang: str) -> Lang:
    """``lang`` as a :data:`Lang` when it is supported, else :class:`UnknownLanguageError`."""
    for supported in SUPPORTED_LANGUAGES:
        if lang == supported:
            return supported
    raise UnknownLanguageError(lang)


def noop(message: str) -> str:
    """Mark ``message`` as a message id for extraction without translating it now."""
    return message


@cache
def translator(lang: Lang) -> gettext.NullTranslations:
    """The translations for ``lang``: ``gettext`` and ``ngettext`` return text in that language.

    English returns the message ids themselves. Dutch reads the compiled catalog; a missing
    catalog is a packaging bug and raises ``FileNotFoundError``.
    """
    if check_language(lang) == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang])


class Text(BaseModel):
    """A text in Dutch and English; both are required and neither may be empty.

    Questionnaire and headline files hold it as ``{nl: ..., en: ...}``; code makes one from a
    gettext message (:meth:`translated`), from a string that reads the same in every language
    (:meth:`neutral`, a wave label ``"2025"``), or per language (:meth:`per_language`).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    nl: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]

    def get(self, lang: Lang) -> str:
        """The text in ``lang``."""
        return self.nl if check_language(lang) == "nl" else self.en

    @classmethod
    def per_language(cls, make: Callable[[Lang], str]) -> Text:
        """The text ``make(lang)`` for every language."""
        return cls(nl=make("nl"), en=make("en"))

    @classmethod
    def neutral(cls, text: str) -> Text:
        """A text that reads the same in every language: a year, a code, a name."""
        return cls(nl=text, en=text)

    @classmethod
    def translated(cls, message: str) -> Text:
        """The gettext ``message`` (an English message id) in every language."""
        return cls.per_language(lambda lang: translator(lang).gettext(message))

    def map(self, change: Callable[[str], str]) -> Text:
        """``change`` applied to the text of every language."""
        return Text.per_language(lambda lang: change(self.get(lang)))

    def format(self, **fields: Text | str | int | float) -> Text:
        """``str.format`` in every language; a :class:`Text` field gives its own language."""
        return Text.per_language(
            lambda lang: self.get(lang).format(
                **{
                    name: value.get(lang) if isinstance(value, Text) else value
                    for name, value in fields.items()
                }
            )
        )


def synthetic_data_label() -> Text:
    """The label of every output that shows synthetic demo data: the web pages, the reports,
    the estimates exports ("Synthetische demonstratiedata" / "Synthetic demonstration data")."""
    return Text.translated("Synthetic demonstration data")

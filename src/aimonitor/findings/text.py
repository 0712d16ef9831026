"""Caller-supplied wording: text per language, populations, predicates, list joining.

Predicates and labels are data supplied by the caller, one string per language (or one
language-neutral string such as a wave label ``"2025"``); only the connecting words of a
finding come from the gettext catalog.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from aimonitor.errors import AimonitorError
from aimonitor.i18n import SUPPORTED_LANGUAGES, check_language, translator

#: Text in every output language (``{"nl": ..., "en": ...}``) or one language-neutral string.
Text = str | Mapping[str, str]
GrammaticalNumber = Literal["singular", "plural"]


class MissingTextError(AimonitorError):
    """Caller-supplied wording lacks the requested language."""


def localize(text: Text, lang: str) -> str:
    """The string of ``text`` for ``lang``; a plain string serves every language."""
    check_language(lang)
    if isinstance(text, str):
        return text
    try:
        return text[lang]
    except KeyError:
        raise MissingTextError(
            f"no {lang!r} text in {dict(text)!r}; give one per language "
            f"({', '.join(SUPPORTED_LANGUAGES)})"
        ) from None


@dataclass(frozen=True)
class Population:
    """What a proportion is a share of, in two forms per language.

    ``definite`` follows "half of" (nl "de gemeenten", en "municipalities"); ``bare`` follows
    "almost all" and "one in five" (nl "gemeenten", en "municipalities").
    """

    definite: Text
    bare: Text


def municipalities() -> Population:
    """The monitor's default population: all Dutch municipalities."""
    return Population(
        definite={
            lang: translator(lang).pgettext("population after 'half of'", "municipalities")
            for lang in SUPPORTED_LANGUAGES
        },
        bare={
            lang: translator(lang).pgettext("population after 'almost all'", "municipalities")
            for lang in SUPPORTED_LANGUAGES
        },
    )


@dataclass(frozen=True)
class Predicate:
    """A verb phrase in singular and plural agreement, per language.

    Example: ``Predicate(singular={"nl": "experimenteert met AI", "en": "experiments with
    AI"}, plural={"nl": "experimenteren met AI", "en": "experiment with AI"})``. The quantifier
    decides which form the subject needs ("de helft ... experimenteert", "bijna alle ...
    experimenteren").
    """

    singular: Text
    plural: Text

    def form(self, number: GrammaticalNumber, lang: str) -> str:
        return localize(self.singular if number == "singular" else self.plural, lang)


def join_list(items: Sequence[str], lang: str) -> str:
    """``a``, ``a en b``, ``a, b en c`` (en: ``a, b and c``).

    Items that hold a comma themselves (Dutch decimals: ``4,1``) are separated by
    semicolons, so ``4,1; 4,0 en 3,9`` cannot be misread as more numbers.
    """
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    separator = "; " if any("," in item for item in items) else ", "
    return (
        translator(lang)
        .gettext("{items} and {last}")
        .format(items=separator.join(items[:-1]), last=items[-1])
    )


def capitalize_first(sentence: str) -> str:
    """Upper-case the first character only (``"bijna de helft ..."`` -> ``"Bijna de helft
    ..."``), leaving names and abbreviations further on alone."""
    return sentence[:1].upper() + sentence[1:]

"""Caller-supplied wording: populations, predicates, list joining.

Predicates and labels are data supplied by the caller as :class:`aimonitor.i18n.Text` (Dutch
and English; ``Text.neutral("2025")`` for a wave label that reads the same in both); only the
connecting words of a finding come from the gettext catalog.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from aimonitor.i18n import Lang, Text, translator

GrammaticalNumber = Literal["singular", "plural"]


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
        definite=Text.per_language(
            lambda lang: translator(lang).pgettext("population after 'half of'", "municipalities")
        ),
        bare=Text.per_language(
            lambda lang: translator(lang).pgettext(
                "population after 'almost all'", "municipalities"
            )
        ),
    )


@dataclass(frozen=True)
class Predicate:
    """A verb phrase in singular and plural agreement, per language.

    Example: ``Predicate(singular=Text(nl="experimenteert met AI", en="experiments with AI"),
    plural=Text(nl="experimenteren met AI", en="experiment with AI"))``. The quantifier
    decides which form the subject needs ("de helft ... experimenteert", "bijna alle ...
    experimenteren").
    """

    singular: Text
    plural: Text

    def form(self, number: GrammaticalNumber, lang: Lang) -> str:
        return (self.singular if number == "singular" else self.plural).get(lang)


def join_list(items: Sequence[str], lang: Lang) -> str:
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

"""The immutable finding, its evidence, and the ``Sentence`` builder for one estimate.

A :class:`Finding` is a sentence in one language plus the evidence behind it: references to
the table rows (plain string keys) and the estimates that were used, so a reader or a later
step can trace every number back to its row.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from aimonitor.formatting import format_estimate, format_n
from aimonitor.i18n import Lang, Text, check_language, translator
from aimonitor.stats.result import Estimate

from .errors import FindingError
from .quantifiers import quantify
from .text import Population, Predicate, capitalize_first


@dataclass(frozen=True, slots=True)
class RowRef:
    """Where a figure comes from: table, variable, and optionally answer option and domain."""

    table: str
    variable: str
    option: str | None = None
    domain: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """One estimate used by a finding, with the row it comes from."""

    ref: RowRef
    estimate: Estimate


@dataclass(frozen=True, slots=True)
class LabelledValue:
    """A labelled estimate: one application, domain, barrier, size class or wave."""

    label: Text
    estimate: Estimate
    ref: RowRef

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.ref, self.estimate)


@dataclass(frozen=True, slots=True)
class Finding:
    """A key finding in one language.

    ``rule`` names the wording rule that produced it (a quantifier rule key such as
    ``almost_half``, or ``increase``, ``no_clear_difference``, ``ranking``, ...).
    """

    theme: str
    lang: Lang
    sentence: str
    evidence: tuple[Evidence, ...]
    rule: str

    @property
    def references(self) -> tuple[RowRef, ...]:
        return tuple(item.ref for item in self.evidence)

    @property
    def estimates(self) -> tuple[Estimate, ...]:
        return tuple(item.estimate for item in self.evidence)


@dataclass(frozen=True)
class Sentence:
    """Builds "quantifier + population (estimate; interval) + predicate." for one proportion.

    Immutable: every ``with_``/``of``/``saying`` call returns a new builder::

        Sentence.about(estimate, RowRef("c", "C1", option="experimenting"))
            .saying(Predicate(singular=Text(nl="experimenteert met AI", ...), plural=...))
            .finding("experiments", "nl")

    gives "Bijna de helft van de gemeenten (46%; 95%-BI 43–49%) experimenteert met AI." for an
    estimate of 0.46 with interval 0.43–0.49.
    """

    estimate: Estimate
    ref: RowRef
    predicate: Predicate | None = None
    population: Population | None = None
    decimals: int = 0
    show_n: bool = False

    @classmethod
    def about(cls, estimate: Estimate, ref: RowRef) -> Sentence:
        return cls(estimate, ref)

    def saying(self, predicate: Predicate) -> Sentence:
        return replace(self, predicate=predicate)

    def of(self, population: Population) -> Sentence:
        return replace(self, population=population)

    def with_decimals(self, decimals: int) -> Sentence:
        return replace(self, decimals=decimals)

    def with_n(self, show: bool = True) -> Sentence:
        return replace(self, show_n=show)

    def rule(self) -> str:
        """The quantifier rule that applies (the same in every language)."""
        return quantify(
            self.estimate, "en", population=self.population, decimals=self.decimals
        ).rule

    def text(self, lang: Lang) -> str:
        """The sentence in ``lang``."""
        check_language(lang)
        if self.predicate is None:
            raise FindingError("a sentence needs a predicate: call .saying(predicate) first")
        _ = translator(lang).gettext
        quantifier = quantify(
            self.estimate, lang, population=self.population, decimals=self.decimals
        )
        percent, interval = format_estimate(self.estimate, lang, decimals=self.decimals)
        numbers = [interval] if quantifier.states_percentage else [percent, interval]
        if self.show_n:
            numbers.append(format_n(self.estimate.n, lang))
        return capitalize_first(
            _("{subject} ({numbers}) {predicate}.").format(
                subject=quantifier.phrase,
                numbers="; ".join(numbers),
                predicate=self.predicate.form(quantifier.number, lang),
            )
        )

    def finding(self, theme: str, lang: Lang) -> Finding:
        """The sentence in ``lang`` with its evidence, as a :class:`Finding`."""
        return Finding(
            theme=theme,
            lang=lang,
            sentence=self.text(lang),
            evidence=(Evidence(self.ref, self.estimate),),
            rule=self.rule(),
        )

"""Key findings of a wave, written from its estimate table by the headline specification.

Every sentence comes from rows of the estimate table (its evidence points at them, table
``estimates``), so a figure in a finding is always the figure in ``aimonitor estimates``: the
figures as published (:func:`aimonitor.indicators.disclosure.published`, rounded to what is
shown), never a suppressed row's. A trend sentence states the change row of the
publication's changes table (the figure in ``aimonitor estimates --changes``), significant
after false-discovery-rate control over all change rows. The size-class gradient sentences
are one family too: their differences are computed first and their p-values adjusted
together (Benjamini-Hochberg) before any is worded. A headline whose rows are missing or
suppressed is left out, and the reason is kept in ``KeyFindings.omitted`` so the report can
say so plainly (without the row's n, which a suppressed row does not publish).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from aimonitor import stats
from aimonitor.i18n import Lang, Text, check_language, translator
from aimonitor.indicators import ALL, EstimateTable, IndicatorRow
from aimonitor.indicators.changes import estimate_changes
from aimonitor.indicators.disclosure import PUBLICATION_CLASSES, published
from aimonitor.questionnaire import Questionnaire
from aimonitor.stats import Estimate

from .comparisons import ComparisonWording, compare_waves, gradient_difference, size_gradient
from .headlines import HeadlineSpec, MeanHeadline, RankingHeadline, ShareHeadline
from .model import Evidence, Finding, LabelledValue, RowRef, Sentence
from .rankings import ranking_finding
from .text import Population, Predicate, capitalize_first

TABLE = "estimates"


@dataclass(frozen=True)
class KeyFindings:
    wave: int
    lang: Lang
    synthetic: bool
    findings: tuple[Finding, ...]
    omitted: tuple[str, ...]
    """Headlines that could not be written, with the reason, in the findings' language."""

    def by_theme(self, theme: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.theme == theme)


def ref_of(row: IndicatorRow) -> RowRef:
    return RowRef(TABLE, row.variable, row.option, row.domain)


def _shown(row: IndicatorRow) -> Estimate:
    """The published figures of a row the writer has checked is not suppressed."""
    shown = published(row)
    if shown is None:  # every caller skips suppressed rows first
        raise ValueError(f"{row.key} is suppressed: no finding may state it")
    return shown


def key_findings(
    spec: HeadlineSpec,
    questionnaire: Questionnaire,
    table: EstimateTable,
    lang: Lang,
    *,
    previous: EstimateTable | None = None,
    changes: EstimateTable | None = None,
) -> KeyFindings:
    """All headlines of ``spec`` that the table supports, in the order of the spec.

    ``changes`` is the publication's changes table (``table`` against ``previous``); it is
    computed from ``previous`` when not given.
    """
    check_language(lang)
    if changes is None and previous is not None:
        changes = estimate_changes(table, previous)
    writer = _Writer(spec, questionnaire, table, previous, changes, lang)
    for index, headline in enumerate(spec.headlines):
        if isinstance(headline, ShareHeadline):
            writer.share(headline, index)
        elif isinstance(headline, RankingHeadline):
            writer.ranking(headline)
        else:
            writer.mean(headline)
    return KeyFindings(
        wave=table.wave,
        lang=lang,
        synthetic=table.synthetic,
        findings=tuple(writer.findings),
        omitted=tuple(writer.omitted),
    )


def _inline(label: Text) -> Text:
    """A label as it reads inside a sentence: first letter lower case, unless an acronym."""
    return label.map(lambda text: text if text[:2].isupper() else text[:1].lower() + text[1:])


class _Writer:
    def __init__(
        self,
        spec: HeadlineSpec,
        questionnaire: Questionnaire,
        table: EstimateTable,
        previous: EstimateTable | None,
        changes: EstimateTable | None,
        lang: Lang,
    ) -> None:
        self.spec = spec
        self.questionnaire = questionnaire
        self.table = table
        self.previous = previous
        self.changes = changes
        self.lang = lang
        self.findings: list[Finding] = []
        self.omitted: list[str] = []
        self.gradients = self._gradient_family()

    def _gradient_classes(
        self, headline: ShareHeadline
    ) -> list[tuple[LabelledValue, stats.Estimate]]:
        """The publication size classes of a gradient headline that have a published row,
        smallest first: each as shown (rounded) and at full precision (to test with)."""
        classes = []
        for size_class in PUBLICATION_CLASSES:
            row = self.table.find(
                headline.variable, headline.option, f"size_class={size_class.code}"
            )
            phrase = self.spec.size_class_phrases.get(size_class.code)
            if row is not None and not row.suppressed and phrase is not None:
                classes.append((LabelledValue(phrase, _shown(row), ref_of(row)), row.estimate))
        return classes

    def _gradient_family(self) -> dict[int, tuple[LabelledValue, LabelledValue, stats.Estimate]]:
        """Every gradient sentence's extremes and difference (from the unrounded estimates),
        the p-values adjusted together."""
        tested = []
        for index, headline in enumerate(self.spec.headlines):
            if not isinstance(headline, ShareHeadline) or headline.gradient is None:
                continue
            classes = self._gradient_classes(headline)
            if len(classes) >= 2:
                (smallest, small_estimate), (largest, large_estimate) = classes[0], classes[-1]
                diff = gradient_difference(
                    [
                        replace(smallest, estimate=small_estimate),
                        replace(largest, estimate=large_estimate),
                    ]
                )
                tested.append((index, smallest, largest, diff))
        adjusted = stats.control_fdr([diff for *_, diff in tested])
        return {
            index: (smallest, largest, diff)
            for (index, smallest, largest, _), diff in zip(tested, adjusted, strict=True)
        }

    def _usable(self, variable: str, option: str, domain: str = ALL) -> IndicatorRow | None:
        row = self.table.find(variable, option, domain)
        _ = translator(self.lang).gettext
        if row is None:
            self.omitted.append(
                _("No key finding on {variable} ({option}): nobody answered it.").format(
                    variable=variable, option=option
                )
            )
            return None
        if row.suppressed:
            self.omitted.append(
                _(
                    "No key finding on {variable} ({option}): the figure is not published "
                    "(too few municipalities, or it would reveal individual answers)."
                ).format(variable=variable, option=option)
            )
            return None
        return row

    def _population(self, key: str | None) -> Population | None:
        if key is None:
            return None
        spec = self.spec.populations[key]
        return Population(definite=spec.definite, bare=spec.bare)

    def share(self, headline: ShareHeadline, index: int) -> None:
        row = self._usable(headline.variable, headline.option)
        if row is None:
            return
        predicate = Predicate(
            singular=headline.predicate.singular, plural=headline.predicate.plural
        )
        sentence = Sentence.about(_shown(row), ref_of(row)).saying(predicate)
        population = self._population(headline.population)
        if population is not None:
            sentence = sentence.of(population)
        self.findings.append(sentence.finding(headline.theme, self.lang))
        if headline.trend is not None:
            self._trend(headline, row)
        if headline.gradient is not None:
            self._gradient(headline, index)

    def _trend(self, headline: ShareHeadline, row: IndicatorRow) -> None:
        if self.previous is None or self.changes is None or headline.trend is None:
            return
        earlier = self.previous.find(headline.variable, headline.option, ALL)
        change = self.changes.find(headline.variable, headline.option, ALL)
        if earlier is None or earlier.suppressed or change is None or change.suppressed:
            return
        finding = compare_waves(
            LabelledValue(
                Text.neutral(str(self.previous.wave)), _shown(earlier), _previous_ref(earlier)
            ),
            LabelledValue(Text.neutral(str(self.table.wave)), _shown(row), ref_of(row)),
            ComparisonWording(topic=headline.trend.topic),
            headline.theme,
            self.lang,
            difference=_shown(change),
        )
        if finding is not None:
            self.findings.append(finding)

    def _gradient(self, headline: ShareHeadline, index: int) -> None:
        wording = headline.gradient
        if wording is None or index not in self.gradients:
            return
        smallest, largest, diff = self.gradients[index]
        finding = size_gradient(
            [smallest, largest],
            ComparisonWording(topic=wording.topic, more=wording.more, less=wording.less),
            headline.theme,
            self.lang,
            when_unclear="silent",
            difference=diff,
        )
        if finding is not None:
            self.findings.append(finding)

    def ranking(self, headline: RankingHeadline) -> None:
        items = [
            LabelledValue(_inline(label), _shown(row), ref_of(row))
            for label, row in self._ranking_rows(headline)
        ]
        if not items:
            source = headline.codes_of or headline.rows_of
            self.omitted.append(
                translator(self.lang)
                .gettext("No key finding on {variable}: nothing to rank.")
                .format(variable=source)
            )
            return
        intro = Predicate(singular=headline.intro.singular, plural=headline.intro.plural)
        self.findings.append(
            ranking_finding(
                items, headline.k, intro, headline.theme, self.lang, scale=headline.scale
            )
        )

    def _ranking_rows(self, headline: RankingHeadline) -> list[tuple[Text, IndicatorRow]]:
        candidates: list[tuple[Text, str, str]] = []
        if headline.codes_of is not None:
            variable = self.questionnaire.variable(headline.codes_of)
            candidates = [
                (value.label, variable.name, f"{headline.option_prefix}{value.code}")
                for value in variable.codes
                if not value.special and not value.exclusive
            ]
        elif headline.rows_of is not None and headline.option is not None:
            item = self.questionnaire.item(headline.rows_of)
            rows = getattr(item, "rows", ())
            candidates = [(row.label, f"{item.id}_{row.key}", headline.option) for row in rows]
        found = []
        for label, variable_name, option in candidates:
            row = self.table.find(variable_name, option, ALL)
            if row is not None and not row.suppressed:
                found.append((label, row))
        return found

    def mean(self, headline: MeanHeadline) -> None:
        from aimonitor.formatting import format_mean, format_mean_interval

        row = self._usable(headline.variable, "mean")
        if row is None:
            return
        template = headline.template.get(self.lang)
        estimate = _shown(row)
        sentence = template.format(
            value=format_mean(estimate.estimate, self.lang),
            interval=format_mean_interval(
                estimate.ci_lower, estimate.ci_upper, self.lang, level=estimate.level
            ),
        )
        self.findings.append(
            Finding(
                theme=headline.theme,
                lang=self.lang,
                sentence=capitalize_first(sentence),
                evidence=(Evidence(ref_of(row), estimate),),
                rule="mean",
            )
        )


def _previous_ref(row: IndicatorRow) -> RowRef:
    return RowRef(f"{TABLE}:previous", row.variable, row.option, row.domain)

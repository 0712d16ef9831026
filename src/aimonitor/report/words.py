"""The report's fixed texts in one language (gettext domain ``aimonitor``, ids in English).

Templates get a :class:`Words` and never call gettext themselves, so every message id sits in
Python where extraction and the catalog test find it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from aimonitor.i18n import Lang, check_language, synthetic_data_label, translator


@dataclass(frozen=True)
class Words:
    report: str
    title: str
    wave: str
    generated: str
    questionnaire: str
    response: str
    contents: str
    key_findings: str
    no_findings: str
    notices: str
    synthetic: str
    answer: str
    share: str
    estimate: str
    mean: str
    interval: str
    change: str
    suppressed_note: str
    significant_note: str
    open_question: str
    nobody_answered: str
    no_responses: str
    by_size_class: str
    over_waves: str
    annex_methods: str
    annex_codebook: str
    response_by_size_class: str
    response_by_province: str
    size_class: str
    province: str
    population: str
    respondents: str
    rate: str
    covered: str
    covered_text: str
    weighting: str
    weighting_rake: str
    weighting_poststratify: str
    weighting_none: str
    weighting_fallback: str
    weighting_take_all: str
    intervals: str
    intervals_text: str
    intervals_coverage: str
    representativeness: str
    representativeness_text: str
    representativeness_partial_text: str
    partial_summary: str
    mean_propensity: str
    unconditional: str
    conditional: str
    suppression: str
    suppression_text: str
    differencing_text: str
    publication_classes_text: str
    published_rounding_text: str
    rounding_text: str
    variable: str
    question: str
    type: str
    codes: str
    shown_if: str
    group: str
    any_row: str
    rank1: str
    top3: str
    findings_other_language: str
    rows_not_in_questionnaire: str
    invalid_rows: str
    margin_size_class: str
    margin_province: str


@cache
def words(lang: Lang) -> Words:
    """The fixed texts in ``lang``; an unknown language raises ``UnknownLanguageError``."""
    check_language(lang)
    _ = translator(lang).gettext
    return Words(
        report=_("Report"),
        title=_("AI Monitor of Dutch Municipalities {wave}"),
        wave=_("Wave {wave}"),
        generated=_("Generated on {date}"),
        questionnaire=_("questionnaire {version}"),
        response=_("{respondents} of {population} municipalities took part ({rate})"),
        contents=_("Contents"),
        key_findings=_("Key findings"),
        no_findings=_("No key findings were supplied for this report."),
        notices=_("About this report"),
        synthetic=synthetic_data_label().get(lang),
        answer=_("Answer"),
        share=_("Share"),
        estimate=_("Estimate"),
        mean=_("Mean"),
        interval=_("{level} CI"),
        change=_("Change since {wave}"),
        suppressed_note=_(
            "– Not shown: too few municipalities answered (fewer than {minimum}), or the "
            "figure would reveal the answers of individual municipalities (see the methods "
            "annex)."
        ),
        significant_note=_(
            "Changes in bold are statistically significant after controlling the false "
            "discovery rate at 5% over all published changes of this wave (Benjamini-Hochberg). "
            "The intervals shown are not adjusted, so a change whose interval just excludes 0 "
            "is not always in bold."
        ),
        open_question=_("Open question: the answers are not summarised in this report."),
        nobody_answered=_("Nobody answered this question, so there are no figures."),
        no_responses=_("This wave has no responses, so the report contains no figures."),
        by_size_class=_("By size class: {label}"),
        over_waves=_("Over the waves: {label}"),
        annex_methods=_("Annex A. Methods"),
        annex_codebook=_("Annex B. Codebook"),
        response_by_size_class=_("Response by size class"),
        response_by_province=_("Response by province"),
        size_class=_("Size class"),
        province=_("Province"),
        population=_("Municipalities"),
        respondents=_("Respondents"),
        rate=_("Response rate"),
        covered=_("Through a shared organisation"),
        covered_text=_(
            "{covered} of the responding municipalities did not answer themselves: the shared "
            "organisation (werkorganisatie) that serves them answered once for all its "
            "municipalities, and its answers count for each of them."
        ),
        weighting=_("Weighting"),
        weighting_rake=_(
            "The answers are weighted by raking to the known numbers of municipalities by "
            "{margins}."
        ),
        weighting_poststratify=_(
            "The answers are weighted by post-stratification to the known numbers of "
            "municipalities by {margins}."
        ),
        weighting_none=_(
            "The answers are not weighted: every responding municipality counts once."
        ),
        weighting_fallback=_("The planned weighting was not possible: {reason}"),
        weighting_take_all=_(
            "Every municipality of {classes} took part: each of them counts once (weight 1), "
            "and their figures have no sampling error."
        ),
        intervals=_("Confidence intervals"),
        intervals_text=_(
            "Every figure has a {level} confidence interval and the number of municipalities it "
            "rests on (n). Interval methods used: {methods}."
        ),
        intervals_coverage=_(
            "The intervals treat the municipalities that answered as a random sample of the "
            "municipalities of their size class, weighted to size class and province. They "
            "show the uncertainty that comes from which municipalities happened to answer, "
            "given size class and province. They do not cover non-response bias: if the "
            "municipalities that did not answer differ from those of the same size class and "
            "province that did, the figures are off by an amount that no interval shows."
        ),
        representativeness=_("Representativeness of the response"),
        representativeness_text=_(
            "How much taking part depended on size class and province is summarised by the "
            "R-indicator (Schouten, Cobben and Bethlehem 2009): R = 1 − 2S, with S the standard "
            "deviation of the response propensities of all {population} municipalities, "
            "estimated by a logistic regression of response on size class and province. R = 1 "
            "means that every municipality was equally likely to take part; the lower R, the "
            "more response depended on size class and province. This wave: R = {r}; the "
            "propensities have a mean of {mean} and a coefficient of variation of {cv}."
        ),
        representativeness_partial_text=_(
            "Partial indicators show where response was uneven. The unconditional value of a "
            "size class or province is positive when it took part more often than average and "
            "negative when less often; the conditional value is the spread that remains within "
            "it once the other variable is taken into account. Values near 0 mean that the "
            "group is well represented. The weighting corrects for these differences; "
            "differences that size class and province do not capture are not measured here."
        ),
        partial_summary=_("{variable}: unconditional {unconditional}, conditional {conditional}."),
        mean_propensity=_("Mean propensity"),
        unconditional=_("Unconditional"),
        conditional=_("Conditional"),
        suppression=_("Disclosure control"),
        suppression_text=_(
            "A figure is not shown when it rests on fewer than {minimum} municipalities, or "
            "when all municipalities of a group of at most {small} gave the same answer, "
            "because it would then reveal each one's answer. Tables and charts show – with a "
            "note; the n of a hidden figure is not shown either, as it would count the answers "
            "to the question before it."
        ),
        differencing_text=_(
            "So that a hidden figure cannot be worked out from the others (for instance the "
            "national figure minus the other groups), the same question is also hidden for "
            "further groups where needed, until no hidden share can be narrowed down to less "
            "than {protection} percentage points, or to less than the national figure allows."
        ),
        publication_classes_text=_(
            "Figures by size class are given for: {classes}. The four municipalities with "
            "250,000 inhabitants or more, which all take part, are counted with those of "
            "100,000 or more; the weighting uses the five size classes of the response table."
        ),
        published_rounding_text=_(
            "The downloadable estimates are rounded to 0.1 percentage point (means to two "
            "decimals); this report rounds them further, mostly to whole percentages."
        ),
        rounding_text=_(
            "Differences are rounded on their own and may not equal the difference of the "
            "rounded figures."
        ),
        variable=_("Variable"),
        question=_("Question"),
        type=_("Type"),
        codes=_("Codes"),
        shown_if=_("Shown if"),
        group=_("Together: {label}"),
        any_row=_("At least one: {label}"),
        rank1=_("Ranked first: {label}"),
        top3=_("In the top three: {label}"),
        findings_other_language=_(
            "{count} key findings in another language than this report were left out."
        ),
        rows_not_in_questionnaire=_(
            "{count} estimates for variables that are not in the questionnaire were left out."
        ),
        invalid_rows=_(
            "{count} estimates that lie outside their own interval, or outside 0–100%, were "
            "left out."
        ),
        margin_size_class=_("size class"),
        margin_province=_("province"),
    )

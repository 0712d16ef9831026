"""The benchmark of one municipality: its own answers beside its peers, theme by theme, and a
maturity profile per theme (docs/methodology/benchmark.md).

::

    index = load_maturity_index(data_dir() / "benchmark" / "maturity.yaml", questionnaire)
    benchmark = build_benchmark(questionnaire=q, table=table, respondents=wave.respondents,
                                frame=frame, code="GM0363", chosen=codes, consent=consenting,
                                index=index, lang="nl")
    html = render_benchmark_html(benchmark)        # self-contained, for the page and the PDF
    pdf = render_benchmark_pdf(benchmark)

Peer groups:

* **all municipalities, the own publication size class, the own province**: the published
  weighted figures of the wave's estimate table (:func:`aimonitor.indicators.disclosure.
  published`); a suppressed or missing row is a withheld figure;
* **the chosen group**: municipalities the user picked that responded *and* consented to
  their answers being published under their name in the open data. Its figures are plain
  (unweighted) shares and means of those answers: an :class:`~aimonitor.stats.Estimate` with
  ``method`` :data:`CHOSEN_METHOD`, standard error 0 and the interval collapsed onto the
  figure (the group is counted whole; there is no sampling error to show). Every answer in it
  is public already, so no choice of group reveals anything that is not (the defence against
  differencing with chosen groups). With fewer than ``MIN_RESPONDENTS`` such peers the group
  gets no figures, and the benchmark names the municipalities left out and why.

The maturity scores of the peers are the unweighted mean score of the group's respondents,
the municipality itself left out, withheld below ``MIN_RESPONDENTS`` peers and, for the
weighted groups, when a group of at most ``SMALL_GROUP`` peers all have the same score.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from aimonitor.findings.text import capitalize_first
from aimonitor.formatting import ValueScale, format_n
from aimonitor.frame import Frame, FrameError, Municipality
from aimonitor.i18n import Lang, Text, check_language
from aimonitor.indicators import ALL, EstimateTable, Respondent
from aimonitor.indicators.disclosure import (
    MEAN_DECIMALS,
    MIN_RESPONDENTS,
    SHARE_DECIMALS,
    is_group_disclosure,
    is_suppressed,
    publication_class,
    published,
)
from aimonitor.questionnaire import GridItem, Item, Questionnaire, Variable, is_answered
from aimonitor.questionnaire.form import describe_answer
from aimonitor.questionnaire.types import question_type
from aimonitor.stats import Estimate

from .errors import ReportError
from .labels import Answers, answer_labels, option_label
from .maturity import MaturityIndex, ThemeScore, check_maturity_index, score_maturity
from .model import Figure
from .render_html import DASH, _environment, value_text
from .render_pdf import pdf_bytes
from .words import words

GroupKind = Literal["all", "size_class", "province", "chosen"]

CHOSEN_METHOD = "unweighted"
"""The ``method`` of a chosen group's figures: a plain share or mean of the answers of every
member, without weights and without sampling error (standard error 0, interval = figure)."""

_COMPARED_TYPES = frozenset({"single_choice", "likert", "multiple_choice", "numeric"})
"""Answer variables the benchmark compares; text, rankings and lists of municipalities not."""


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class PeerGroup:
    """A column of the benchmark: whom the municipality is compared with."""

    kind: GroupKind
    label: str
    domain: str | None
    """The estimate table's domain (``all``, ``size_class=<code>``, ``province=<name>``);
    ``None`` for the chosen group, whose figures are computed from its members' answers."""
    weighted: bool


@dataclass(frozen=True)
class BenchmarkLine:
    """One line of a question: the own answer, and a figure per peer group."""

    variable: str
    label: str
    """A grid row's or a multiple-choice option's label; ``""`` for a question's one line."""
    answer: str
    """The own answer in words (or "not asked", "not answered")."""
    figures: tuple[Figure, ...]
    """One per :attr:`Benchmark.groups`: the share of the group giving the own answer (the
    share choosing the option; the mean of a number). Empty when there is nothing to compare
    (a single-choice question the municipality did not answer)."""


@dataclass(frozen=True)
class BenchmarkQuestion:
    item: str
    question: str
    lines: tuple[BenchmarkLine, ...]


@dataclass(frozen=True)
class PeerScore:
    """The mean maturity score of a peer group (own score left out), or withheld."""

    group: str
    score: int | None
    """The mean score, rounded half up to whole points; ``None``: withheld."""
    n: int | None
    """The peers it rests on; ``None`` when withheld."""


@dataclass(frozen=True)
class RuleLine:
    """One rule of the index as the municipality scored it."""

    label: str
    answer: str
    points: int
    maximum: int


@dataclass(frozen=True)
class MaturityProfile:
    own: ThemeScore
    peers: tuple[PeerScore, ...]
    """One per :attr:`Benchmark.groups`, in their order."""
    rules: tuple[RuleLine, ...]


@dataclass(frozen=True)
class BenchmarkTheme:
    theme: str
    number: int
    title: str
    maturity: MaturityProfile | None
    no_score: str | None
    """Why the theme has no maturity score (``None`` when it has one)."""
    questions: tuple[BenchmarkQuestion, ...]


@dataclass(frozen=True)
class LeftOut:
    """A chosen municipality that is not in the chosen group, and why."""

    code: str
    name: str
    reason: str


@dataclass(frozen=True)
class ChosenGroup:
    members: tuple[str, ...]
    """The CBS codes of the municipalities whose answers make the group's figures."""
    left_out: tuple[LeftOut, ...]
    shown: bool
    """Whether the group has figures (at least ``MIN_RESPONDENTS`` members)."""
    notice: str | None
    """Why the group has no figures, in the benchmark's language."""


@dataclass(frozen=True)
class BenchmarkWords:
    """The fixed texts of the benchmark page in one language."""

    title: str
    own: str
    question: str
    theme_score: str
    maturity: str
    rule: str
    answer: str
    points: str
    score: str
    group_all: str
    group_chosen: str
    chosen_heading: str
    left_out: str
    withheld_note: str
    chosen_note: str
    peers_note: str
    index_note: str
    synthetic: str


@dataclass(frozen=True)
class Benchmark:
    """Everything the benchmark page and PDF show, in ``lang``."""

    lang: Lang
    code: str
    municipality: str
    size_class: str
    """The label of the municipality's publication size class."""
    province: str
    wave: int
    synthetic: bool
    synthetic_label: str | None
    groups: tuple[PeerGroup, ...]
    themes: tuple[BenchmarkTheme, ...]
    chosen: ChosenGroup | None
    """``None`` when no municipalities were chosen."""
    index: str
    """The maturity index's id and version."""
    words: BenchmarkWords

    @property
    def title(self) -> str:
        return self.words.title.format(municipality=self.municipality, wave=self.wave)


# --------------------------------------------------------------------------- words

_TEXTS: Mapping[str, Text] = {
    "title": Text(
        nl="Benchmark van {municipality}, AI Monitor {wave}",
        en="Benchmark of {municipality}, AI Monitor {wave}",
    ),
    "own": Text(nl="Eigen antwoord", en="Own answer"),
    "theme_score": Text(nl="Volwassenheid", en="Maturity"),
    "maturity": Text(nl="Volwassenheidsscore (0-100)", en="Maturity score (0-100)"),
    "rule": Text(nl="Wat telt", en="What counts"),
    "points": Text(nl="Punten", en="Points"),
    "score": Text(nl="Score", en="Score"),
    "group_all": Text(nl="Alle gemeenten", en="All municipalities"),
    "group_chosen": Text(nl="Gekozen gemeenten", en="Chosen municipalities"),
    "chosen_heading": Text(nl="Uw gekozen vergelijkingsgroep", en="Your chosen comparison group"),
    "left_out": Text(nl="Niet in de groep", en="Not in the group"),
    "withheld_note": Text(
        nl="– Niet getoond: te weinig gemeenten (minder dan {minimum}), of het cijfer zou "
        "antwoorden van afzonderlijke gemeenten prijsgeven.",
        en="– Not shown: too few municipalities (fewer than {minimum}), or the figure would "
        "reveal the answers of individual municipalities.",
    ),
    "chosen_note": Text(
        nl="De gekozen groep telt alleen gemeenten die hun antwoorden met naam openbaar maken; "
        "de cijfers zijn ongewogen aandelen en gemiddelden van hun antwoorden.",
        en="The chosen group counts only municipalities that publish their answers under "
        "their name; its figures are unweighted shares and means of their answers.",
    ),
    "peers_note": Text(
        nl="Per vraag: het aandeel gemeenten met hetzelfde antwoord als u (gewogen schattingen "
        "van de monitor; de eigen gemeente telt mee). Bij een getal: het gemiddelde.",
        en="Per question: the share of municipalities giving the same answer as you (the "
        "monitor's weighted estimates; your own municipality is included). For a number: the "
        "mean.",
    ),
    "index_note": Text(
        nl="De score is het aantal behaalde punten als percentage van het maximum. Niet "
        "beantwoord of niet gevraagd telt als 0 punten. De score van een groep is het "
        "gemiddelde van haar gemeenten, zonder uw gemeente.",
        en="The score is the points earned as a percentage of the maximum. Not answered or "
        "not asked counts as 0 points. A group's score is the mean of its municipalities, "
        "without yours.",
    ),
    "not_asked": Text(nl="Niet gevraagd", en="Not asked"),
    "not_answered": Text(nl="Niet beantwoord", en="Not answered"),
    "chosen_yes": Text(nl="Gekozen", en="Chosen"),
    "chosen_no": Text(nl="Niet gekozen", en="Not chosen"),
    "no_score": Text(
        nl="Dit thema heeft geen volwassenheidsscore.", en="This theme has no maturity score."
    ),
    "reason_unknown": Text(
        nl="geen gemeentecode van {year}", en="not a municipality code of {year}"
    ),
    "reason_no_response": Text(nl="heeft niet deelgenomen", en="did not take part"),
    "reason_no_consent": Text(
        nl="maakt de antwoorden niet met naam openbaar",
        en="does not publish its answers under its name",
    ),
    "too_few_chosen": Text(
        nl="De gekozen groep krijgt geen cijfers: er blijven {count} gemeenten over, minder "
        "dan {minimum}.",
        en="The chosen group has no figures: {count} municipalities remain, fewer than {minimum}.",
    ),
}


def benchmark_words(lang: Lang) -> BenchmarkWords:
    """The fixed texts of the benchmark in ``lang`` (Dutch first, English second)."""
    w = words(lang)
    return BenchmarkWords(
        title=_TEXTS["title"].get(lang),
        own=_TEXTS["own"].get(lang),
        question=w.question,
        theme_score=_TEXTS["theme_score"].get(lang),
        maturity=_TEXTS["maturity"].get(lang),
        rule=_TEXTS["rule"].get(lang),
        answer=w.answer,
        points=_TEXTS["points"].get(lang),
        score=_TEXTS["score"].get(lang),
        group_all=_TEXTS["group_all"].get(lang),
        group_chosen=_TEXTS["group_chosen"].get(lang),
        chosen_heading=_TEXTS["chosen_heading"].get(lang),
        left_out=_TEXTS["left_out"].get(lang),
        withheld_note=_TEXTS["withheld_note"].get(lang).format(minimum=MIN_RESPONDENTS),
        chosen_note=_TEXTS["chosen_note"].get(lang),
        peers_note=_TEXTS["peers_note"].get(lang),
        index_note=_TEXTS["index_note"].get(lang),
        synthetic=w.synthetic,
    )


def _text(key: str, lang: Lang, **values: object) -> str:
    return _TEXTS[key].get(lang).format(**values)


# --------------------------------------------------------------------------- building


@dataclass(frozen=True)
class _Context:
    questionnaire: Questionnaire
    table: EstimateTable
    lang: Lang
    labels: Answers
    groups: tuple[PeerGroup, ...]
    chosen: tuple[Respondent, ...]
    """The chosen group's members' rows (empty when the group has no figures)."""


def build_benchmark(
    *,
    questionnaire: Questionnaire,
    table: EstimateTable,
    respondents: Sequence[Respondent],
    frame: Frame,
    code: str,
    chosen: Collection[str] = (),
    consent: Collection[str] = (),
    index: MaturityIndex,
    lang: Lang,
    synthetic: bool = False,
) -> Benchmark:
    """The benchmark of municipality ``code`` in the wave of ``table``.

    ``respondents`` are the wave's respondent rows (:attr:`aimonitor.indicators.WaveData.
    respondents`, covered rows included), ``frame`` the wave's frame, ``chosen`` the CBS codes
    of a comparison group picked by the user, ``consent`` the codes of the municipalities
    that allowed their answers under their name in the open data. ``synthetic`` marks demo
    data besides ``table.synthetic``.

    Raises :class:`ReportError` when ``code`` is not in the frame or did not respond.
    """
    check_language(lang)
    check_maturity_index(index, questionnaire)
    municipality = _municipality(frame, code)
    own = _own_row(respondents, code, municipality.name, table.wave)
    by_code = {r.code: r for r in respondents if r.covered_by is None}
    by_code.update({r.code: r for r in respondents if r.code not in by_code})
    for row in respondents:
        _municipality(frame, row.code, what="respondent")

    chosen_group, chosen_rows = _chosen_group(frame, code, chosen, consent, by_code, lang)
    size = publication_class(municipality.size_class.code)
    groups = [
        PeerGroup("all", _text("group_all", lang), ALL, True),
        PeerGroup("size_class", size.label.get(lang), f"size_class={size.code}", True),
        PeerGroup("province", municipality.province, f"province={municipality.province}", True),
    ]
    if chosen_group is not None and chosen_group.shown:
        groups.append(PeerGroup("chosen", _text("group_chosen", lang), None, False))
    context = _Context(
        questionnaire=questionnaire,
        table=table,
        lang=lang,
        labels=answer_labels(questionnaire),
        groups=tuple(groups),
        chosen=chosen_rows,
    )
    peers = _peer_rows(context, frame, respondents, own.covered_by or code, municipality)
    own_scores = {s.theme: s for s in score_maturity(index, questionnaire, own.answers)}
    peer_scores = {
        kind: [score_maturity(index, questionnaire, r.answers) for r in rows]
        for kind, rows in peers.items()
    }
    themes = []
    for theme in questionnaire.themes:
        if theme.number is None:
            continue
        maturity = None
        no_score = None
        own_score = own_scores.get(theme.id)
        if own_score is not None:
            maturity = _profile(context, own_score, peer_scores)
        else:
            index_theme = index.theme(theme.id)
            note = index_theme.note if index_theme is not None else None
            no_score = note.get(lang) if note is not None else _text("no_score", lang)
        questions = tuple(
            question
            for item in questionnaire.items_of(theme.id)
            if (question := _question(context, item, own.answers)) is not None
        )
        themes.append(
            BenchmarkTheme(
                theme=theme.id,
                number=theme.number,
                title=theme.name.get(lang),
                maturity=maturity,
                no_score=no_score,
                questions=questions,
            )
        )
    is_synthetic = table.synthetic or synthetic
    bw = benchmark_words(lang)
    return Benchmark(
        lang=lang,
        code=code,
        municipality=municipality.name,
        size_class=size.label.get(lang),
        province=municipality.province,
        wave=table.wave,
        synthetic=is_synthetic,
        synthetic_label=bw.synthetic if is_synthetic else None,
        groups=tuple(groups),
        themes=tuple(themes),
        chosen=chosen_group,
        index=f"{index.id} {index.version}",
        words=bw,
    )


def _municipality(frame: Frame, code: str, *, what: str = "municipality") -> Municipality:
    try:
        return frame.by_code(code)
    except FrameError:
        raise ReportError(
            f"{what} {code!r} is not a municipality of the {frame.year} frame; give a CBS code "
            "of the wave's frame year"
        ) from None


def _own_row(respondents: Sequence[Respondent], code: str, name: str, wave: int) -> Respondent:
    rows = [r for r in respondents if r.code == code]
    if not rows:
        raise ReportError(
            f"{name} ({code}) did not respond to wave {wave}: a benchmark needs the "
            "municipality's own answers"
        )
    return next((r for r in rows if r.covered_by is None), rows[0])


def _chosen_group(
    frame: Frame,
    code: str,
    chosen: Collection[str],
    consent: Collection[str],
    by_code: Mapping[str, Respondent],
    lang: Lang,
) -> tuple[ChosenGroup | None, tuple[Respondent, ...]]:
    codes = [c for c in dict.fromkeys(chosen) if c != code]
    if not codes:
        return None, ()
    consenting = set(consent)
    members: list[Respondent] = []
    left_out: list[LeftOut] = []
    for candidate in codes:
        try:
            name = frame.by_code(candidate).name
        except FrameError:
            left_out.append(
                LeftOut(candidate, candidate, _text("reason_unknown", lang, year=frame.year))
            )
            continue
        if candidate not in by_code:
            left_out.append(LeftOut(candidate, name, _text("reason_no_response", lang)))
        elif candidate not in consenting:
            left_out.append(LeftOut(candidate, name, _text("reason_no_consent", lang)))
        else:
            members.append(by_code[candidate])
    # A shared organisation answered once for all it covers: its response counts once.
    members = list({m.covered_by or m.code: m for m in members}.values())
    shown = len(members) >= MIN_RESPONDENTS
    notice = (
        None
        if shown
        else _text("too_few_chosen", lang, count=len(members), minimum=MIN_RESPONDENTS)
    )
    group = ChosenGroup(tuple(m.code for m in members), tuple(left_out), shown, notice)
    return group, tuple(members) if shown else ()


def _peer_rows(
    context: _Context,
    frame: Frame,
    respondents: Sequence[Respondent],
    own_response: str,
    own: Municipality,
) -> dict[GroupKind, tuple[Respondent, ...]]:
    """The responses of each peer group, the municipality's own response left out. A shared
    organisation's response counts once (its own row), not once for every municipality it
    answered for: copies of one answer would make a group look larger than it is, and a
    mean over them would give the other members' answers away."""
    others = [r for r in respondents if r.covered_by is None and r.code != own_response]
    own_class = publication_class(own.size_class.code).code
    rows: dict[GroupKind, tuple[Respondent, ...]] = {
        "all": tuple(others),
        "size_class": tuple(
            r
            for r in others
            if publication_class(frame.by_code(r.code).size_class.code).code == own_class
        ),
        "province": tuple(r for r in others if frame.by_code(r.code).province == own.province),
    }
    if any(g.kind == "chosen" for g in context.groups):
        rows["chosen"] = context.chosen
    return rows


def _profile(
    context: _Context,
    own: ThemeScore,
    peer_scores: Mapping[GroupKind, list[tuple[ThemeScore, ...]]],
) -> MaturityProfile:
    lang = context.lang
    peers = []
    for group in context.groups:
        scores = [
            s.score
            for theme_scores in peer_scores[group.kind]
            for s in theme_scores
            if s.theme == own.theme
        ]
        peers.append(_peer_score(group, scores))
    rules = tuple(
        RuleLine(
            label=c.rule.label.get(lang),
            answer=(
                c.answer.get(lang)
                if c.answer is not None
                else _text("not_answered" if c.asked else "not_asked", lang)
            ),
            points=c.points,
            maximum=c.rule.maximum,
        )
        for c in own.contributions
    )
    return MaturityProfile(own, tuple(peers), rules)


def _peer_score(group: PeerGroup, scores: Sequence[int]) -> PeerScore:
    n = len(scores)
    withheld = n < MIN_RESPONDENTS or (
        group.weighted and is_group_disclosure(n, len(set(scores)) == 1)
    )
    if withheld:
        return PeerScore(group.label, None, None)
    mean = math.floor(Fraction(sum(scores), n) + Fraction(1, 2))
    return PeerScore(group.label, mean, n)


def _question(
    context: _Context, item: Item, answers: Mapping[str, object]
) -> BenchmarkQuestion | None:
    if not question_type(item.type).presentation.tabulated:
        return None
    q, lang = context.questionnaire, context.lang
    variables = [
        v
        for v in q.variables()
        if v.item == item.id and v.type in _COMPARED_TYPES and v.code_list is None
    ]
    if not variables:
        return None
    rows = (
        {row.key: capitalize_first(row.label.get(lang)) for row in item.rows}
        if isinstance(item, GridItem)
        else {}
    )
    lines: list[BenchmarkLine] = []
    for variable in variables:
        label = rows.get(variable.row or "", "")
        lines.extend(_lines(context, variable, label, answers))
    return BenchmarkQuestion(item.id, item.text.get(lang), tuple(lines))


def _lines(
    context: _Context, variable: Variable, label: str, answers: Mapping[str, object]
) -> list[BenchmarkLine]:
    lang = context.lang
    asked = context.questionnaire.is_shown(variable.name, answers)
    value = answers.get(variable.name) if asked else None
    missing = _text("not_answered" if asked else "not_asked", lang)
    if variable.type == "multiple_choice":
        chosen = set(value) if isinstance(value, list | tuple) else set()
        return [
            BenchmarkLine(
                variable=variable.name,
                label=_option_label(context, variable, str(code.code)),
                answer=(
                    _text("chosen_yes" if code.code in chosen else "chosen_no", lang)
                    if is_answered(value)
                    else missing
                ),
                figures=_figures(context, variable, str(code.code), "proportion"),
            )
            for code in variable.codes
        ]
    if variable.type == "numeric":
        text = describe_answer(variable, value, lang, {}) if is_answered(value) else None
        return [
            BenchmarkLine(
                variable=variable.name,
                label=label,
                answer=text or missing,
                figures=_figures(context, variable, "mean", "mean"),
            )
        ]
    # single choice and Likert: the share giving the same answer
    if not isinstance(value, int) or isinstance(value, bool):
        return [BenchmarkLine(variable.name, label, missing, ())]
    option = str(value)
    return [
        BenchmarkLine(
            variable=variable.name,
            label=label,
            answer=_option_label(context, variable, option),
            figures=_figures(context, variable, option, "proportion"),
        )
    ]


def _option_label(context: _Context, variable: Variable, option: str) -> str:
    return option_label(variable, option, context.lang, words(context.lang), context.labels)


def _figures(
    context: _Context, variable: Variable, option: str, scale: ValueScale
) -> tuple[Figure, ...]:
    figures = []
    for group in context.groups:
        if group.domain is None:
            estimate = _chosen_estimate(context, variable, option)
        else:
            row = context.table.find(variable.name, option, group.domain)
            estimate = None if row is None else published(row)
        n = None if estimate is None else estimate.n
        figures.append(Figure(label=group.label, scale=scale, estimate=estimate, n=n))
    return tuple(figures)


def _chosen_estimate(context: _Context, variable: Variable, option: str) -> Estimate | None:
    """The unweighted share (of those asked who answered) or mean (of the numbers given) of
    the chosen group; ``None`` when it rests on fewer members than any published figure may
    (:func:`~aimonitor.indicators.disclosure.is_suppressed`), e.g. a question routed to a few."""
    q = context.questionnaire
    values = [
        value
        for member in context.chosen
        if q.is_shown(variable.name, member.answers)
        and is_answered(value := member.answers.get(variable.name))
    ]
    if option == "mean":
        numbers = [
            float(v)
            for v in values
            if isinstance(v, int | float)
            and not isinstance(v, bool)
            and not (isinstance(v, int) and v in variable.special_codes)
        ]
        if not numbers:
            return None
        return _census(math.fsum(numbers) / len(numbers), len(numbers), MEAN_DECIMALS)
    if not values:
        return None
    code = int(option)
    hits = sum(1 for v in values if (code in v if isinstance(v, list | tuple) else v == code))
    return _census(hits / len(values), len(values), SHARE_DECIMALS)


def _census(value: float, n: int, decimals: int) -> Estimate | None:
    figure = round(value, decimals) + 0.0
    estimate = Estimate(figure, 0.0, figure, figure, None, n, CHOSEN_METHOD)
    return None if is_suppressed(estimate) else estimate


# --------------------------------------------------------------------------- rendering


def render_benchmark_html(benchmark: Benchmark) -> str:
    """The benchmark as one self-contained HTML document (inline CSS, no outside resources)."""
    lang = benchmark.lang
    return (
        _environment()
        .get_template("benchmark.html")
        .render(
            b=benchmark,
            w=benchmark.words,
            value=lambda figure: value_text(figure.estimate, figure.scale, lang),
            n=lambda figure: "" if figure.n is None else format_n(figure.n, lang),
            score=lambda value: DASH if value is None else str(value),
            title=benchmark.title,
        )
    )


def render_benchmark_pdf(benchmark: Benchmark) -> bytes:
    """The benchmark as PDF (WeasyPrint, like the report)."""
    return pdf_bytes(render_benchmark_html(benchmark))

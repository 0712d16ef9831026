"""Disclosure control: which figures may be published, and as what (decision record 0011).

The one home of the publication rules of every output (the estimates exports, the report,
the key findings, and later the dashboard, the API and open data):

* **publication classes**: figures by size class are published for the classes of
  :data:`PUBLICATION_CLASSES`, which join ``100k-250k`` and ``ge250k`` (four municipalities,
  all of which respond) into ``ge100k``. The weighting keeps the frame's own five classes;
* **minimum n**: a figure resting on fewer than :data:`MIN_RESPONDENTS` municipalities, or
  without a finite interval, is suppressed (:func:`is_suppressed`);
* **group disclosure**: a figure of a group of at most :data:`SMALL_GROUP` municipalities
  that all gave the same answer to the question it describes is suppressed
  (:func:`is_group_disclosure`): a share of 100 %, or of 0 % unless it is one code of a
  question with one answer (:func:`is_category_share`), a mean without spread;
* **blocks**: a suppressed figure takes every figure of its answer variable in that domain
  with it (the codes add up, a group is a sum of codes, a mean follows from the codes), and
  every variable routed behind it (:func:`block_parents`: its ``n`` would count the answers
  that route to it); a grid's "at least one row" share takes the rows that would betray it
  (:func:`grid_floors`);
* **differencing**: the national figure is the weighted sum of the size classes, and of the
  provinces. For every suppressed figure, primary or not, the feasible interval that this
  leaves an outsider (:func:`feasible_interval`) must be at least :data:`PROTECTION` of its
  scale wide, or as wide as the national figure alone allows; where it is not, the variable
  is also suppressed in a further domain of the same breakdown (complementary suppression),
  and a complement that later ones made unneeded is published again;
* **rounding**: what is published is rounded to what is shown (:func:`published`): shares,
  their standard errors and bounds to 0.1 percentage point (:data:`SHARE_DECIMALS` decimals of
  a 0-1 share), means to :data:`MEAN_DECIMALS` decimals.

A suppressed row publishes its key and nothing else: no figure, no ``n``, no degrees of
freedom (``n`` and ``df = n - 1`` would count the answers that route to an item), and a key
nobody in a domain was asked is listed as suppressed too (:func:`publication_grid`).

:func:`protect` takes the facts of every cell of a wave (its estimate, weighted base, whether
its respondents were unanimous) and returns the keys to suppress; the indicators call it once,
when the table is made (``IndicatorRow.suppressed``). See docs/methodology/disclosure.md.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from aimonitor.frame import SIZE_CLASSES
from aimonitor.i18n import Text
from aimonitor.indicators.catalogue import Estimand
from aimonitor.indicators.table import ALL, EstimateTable, IndicatorRow, Kind
from aimonitor.questionnaire import GridItem, Questionnaire
from aimonitor.questionnaire.conditions import leaves
from aimonitor.stats import Estimate

MIN_RESPONDENTS = 5
"""A figure resting on fewer municipalities is suppressed (estimates, findings and report
alike)."""

SMALL_GROUP = 10
"""A group of at most this many respondents in which all gave the same answer is not shown:
its figure would disclose every member's answer."""

PROTECTION = 0.2
"""The least width of the interval an outsider can narrow a suppressed figure down to, as a
fraction of its scale (20 percentage points for a share)."""

SHARE_DECIMALS = 3
"""Shares (0-1), their standard errors and bounds are published to 0.1 percentage point."""

MEAN_DECIMALS = 2
"""Means (Likert 1-5, numbers), their standard errors and bounds: two decimals."""

CellKey = tuple[str, str, str]
"""(variable, option, domain), as :attr:`IndicatorRow.key`."""


@dataclass(frozen=True)
class PublicationClass:
    """A size class as figures are published for it: one or more of the frame's classes."""

    code: str
    label: Text
    members: tuple[str, ...]
    """The frame size classes (:data:`aimonitor.frame.SIZE_CLASSES` codes) it joins."""


def _frame_class(code: str) -> PublicationClass:
    (size_class,) = (c for c in SIZE_CLASSES if c.code == code)
    return PublicationClass(code, size_class.label, (code,))


PUBLICATION_CLASSES: tuple[PublicationClass, ...] = (
    _frame_class("lt20k"),
    _frame_class("20k-50k"),
    _frame_class("50k-100k"),
    PublicationClass(
        "ge100k",
        Text(nl="≥ 100.000 inwoners", en="≥ 100,000 inhabitants"),
        ("100k-250k", "ge250k"),
    ),
)
"""The size classes figures are published for, from small to large. ``ge250k`` holds the four
largest cities, which all respond: published on its own, or as the national figure minus the
other classes, it would show their answers."""


def publication_class(size_class: str) -> PublicationClass:
    """The publication class a frame size class belongs to."""
    for publication in PUBLICATION_CLASSES:
        if size_class in publication.members:
            return publication
    raise KeyError(f"{size_class} is not a size class of the frame")


def is_suppressed(estimate: Estimate, *, min_n: int = MIN_RESPONDENTS) -> bool:
    """The minimum-n rule: ``estimate`` rests on fewer than ``min_n`` respondents, or its
    figures are not finite (a mean in a domain of one respondent has df = 0 and the interval
    (−∞, ∞))."""
    numbers = (estimate.estimate, estimate.se, estimate.ci_lower, estimate.ci_upper)
    return estimate.n < min_n or not all(math.isfinite(number) for number in numbers)


def is_group_disclosure(n: int, unanimous: bool, *, small_group: int = SMALL_GROUP) -> bool:
    """The group-disclosure rule: all ``n`` respondents of a small group gave the same answer
    (a share of 0 or 1, a mean without spread), so the figure tells each one's answer."""
    return unanimous and 0 < n <= small_group


def decimals_of(row: IndicatorRow) -> int:
    """How many decimals the figures of ``row`` are published with."""
    return MEAN_DECIMALS if row.option == "mean" else SHARE_DECIMALS


def published(row: IndicatorRow) -> Estimate | None:
    """The figures of ``row`` as every output publishes them: ``None`` when the row is
    suppressed; else its estimate, standard error and bounds rounded to what is shown
    (:func:`decimals_of`), the rest of the :class:`Estimate` as it is."""
    if row.suppressed:
        return None
    digits = decimals_of(row)
    estimate = row.estimate
    return replace(
        estimate,
        estimate=_rounded(estimate.estimate, digits),
        se=_rounded(estimate.se, digits),
        ci_lower=_rounded(estimate.ci_lower, digits),
        ci_upper=_rounded(estimate.ci_upper, digits),
    )


def _rounded(value: float, digits: int) -> float:
    return round(value, digits) + 0.0  # + 0.0 turns -0.0 into 0.0


_WITHHELD = Estimate(math.nan, math.nan, math.nan, math.nan, None, 0, "")


def publication_grid(table: EstimateTable) -> tuple[IndicatorRow, ...]:
    """The rows an output lists: every key of the table in every domain of the table, in
    domain order. A key nobody in a domain was asked (n = 0, no row in the table) is listed
    as suppressed, like a suppressed row: that no municipality of the domain was routed to an
    item would tell how they answered the item before it."""
    keys: dict[tuple[str, str], Kind] = {}
    domains: dict[str, None] = {}
    for row in table:
        keys.setdefault((row.variable, row.option), row.kind)
        domains.setdefault(row.domain, None)
    grid = []
    for domain in domains:
        for (variable, option), kind in keys.items():
            found = table.find(variable, option, domain)
            withheld = IndicatorRow(variable, option, domain, kind, _WITHHELD, suppressed=True)
            grid.append(found if found is not None else withheld)
    return tuple(grid)


@dataclass(frozen=True)
class DisclosureCell:
    """What :func:`protect` needs to know of one row of a wave's table."""

    variable: str
    option: str
    domain: str
    estimate: Estimate
    weight: float
    """The weighted base of the row in its domain (the sum of its respondents' weights)."""
    unanimous: bool
    """Every respondent in the base gave the same answer to the question the figure
    describes: a category share of 1 (:func:`is_category_share`), a yes/no share of 0 or 1,
    a mean of one value."""
    block: str
    """The answer variable (for an ``any:`` row the grid's item id): its figures in a domain
    are published together or suppressed together."""
    scale: tuple[float, float] = (0.0, 1.0)
    """The range the figure can take: 0-1 for a share, the scale for a mean."""

    @property
    def key(self) -> CellKey:
        return (self.variable, self.option, self.domain)


def feasible_interval(
    weight: float, others: float, remainder: float, scale: tuple[float, float] = (0.0, 1.0)
) -> tuple[float, float]:
    """Where a suppressed figure can lie for an outsider who knows the breakdown's total.

    In a breakdown with a published total, ``sum_s W_s x_s = W x``; the published domains'
    terms are known, which leaves ``remainder = sum over the suppressed domains of W_s x_s``.
    For the figure ``x_t`` with weight ``W_t = weight``, the other suppressed domains' weight
    ``others`` and every ``x_s`` in ``scale = (a, b)``:
    ``max(a, (remainder - others * b) / W_t) <= x_t <= min(b, (remainder - others * a) / W_t)``.
    These are the sharp bounds, also when the codes of an item must add up in every domain
    (the Fréchet bounds of a two-way table with known margins are the same).
    """
    low, high = scale
    return (
        max(low, (remainder - others * high) / weight),
        min(high, (remainder - others * low) / weight),
    )


def block_parents(questionnaire: Questionnaire) -> dict[str, tuple[str, ...]]:
    """The blocks whose suppression in a domain a block follows: for every variable of a
    routed item, the variables its ``shown_if`` reads (its ``n`` counts the answers that
    route to it)."""
    names = {v.name for v in questionnaire.variables()}
    of_item: dict[str, list[str]] = defaultdict(list)
    for variable in questionnaire.variables():
        of_item[variable.item].append(variable.name)
    parents: dict[str, tuple[str, ...]] = {}
    for item in questionnaire.items:
        if item.shown_if is None:
            continue
        read: set[str] = set()
        for leaf in leaves(item.shown_if):
            read.update([leaf.item] if leaf.item in names else of_item.get(leaf.item, ()))
        for name in of_item.get(item.id, ()):
            parents[name] = tuple(sorted(read - {name}))
        if isinstance(item, GridItem):  # the ``any:`` rows of a grid, keyed by the item id
            parents[item.id] = tuple(sorted(read))
    return parents


def is_category_share(estimand: Estimand, questionnaire: Questionnaire) -> bool:
    """Whether the estimand is the share of one answer of a question with one answer per
    respondent (a code of a single choice or a Likert item, first place of a ranking): then
    only 100 % is the same answer for all; 0 % leaves the others. Every other share is a
    yes/no (a tick, a code group, a top N, "at least one row") where 0 % is one too."""
    if estimand.kind != "proportion":
        return False
    if estimand.option.startswith("rank1:"):
        return True
    if not estimand.option.isdigit():
        return False
    variable = questionnaire.variable(estimand.variable)
    return variable.type in ("single_choice", "likert")


def grid_floors(questionnaire: Questionnaire) -> dict[tuple[str, str], tuple[tuple[str, str], ...]]:
    """For a grid's ``any:<group>`` share, the rows' ``group:<group>`` shares: a municipality
    counted in a row's share is counted in the grid's, so in every domain the grid's weighted
    count is at least each row's (its floor)."""
    floors = {}
    for item in questionnaire.items:
        if isinstance(item, GridItem):
            for group in item.groups:
                rows = tuple((f"{item.id}_{row.key}", f"group:{group.key}") for row in item.rows)
                floors[(item.id, f"any:{group.key}")] = rows
    return floors


def protect(
    cells: Sequence[DisclosureCell],
    *,
    parents: Mapping[str, Sequence[str]] | None = None,
    floors: Mapping[tuple[str, str], Sequence[tuple[str, str]]] | None = None,
    min_n: int = MIN_RESPONDENTS,
    small_group: int = SMALL_GROUP,
    protection: float = PROTECTION,
) -> frozenset[CellKey]:
    """The keys of the cells that must not be published.

    ``cells`` are all rows of one wave's table (domain ``all`` and the breakdowns
    ``size_class=...`` and ``province=...``); ``parents[block]`` are the blocks a block
    follows (:func:`block_parents`); ``floors[(variable, option)]`` the keys whose weighted
    count in a domain is at most its own (:func:`grid_floors`).

    The primary cells are those of the minimum-n and group-disclosure rules. Then, until
    nothing changes: a suppressed cell takes its block in its domain, and the blocks that
    follow it; a block suppressed nationally is suppressed everywhere; a hidden cell whose
    published floors alone leave it less than the required width takes the floors that do
    with it; and in each breakdown, the block is suppressed in further domains (each time
    the one that protects most) until every hidden cell of it, primary or complementary,
    has a feasible interval as wide as required (:meth:`_State.required`).
    """
    state = _State(cells, parents or {}, floors or {}, protection)
    primary: set[tuple[str, str]] = set()
    for cell in cells:
        if is_suppressed(cell.estimate, min_n=min_n) or is_group_disclosure(
            cell.estimate.n, cell.unanimous, small_group=small_group
        ):
            primary.add((cell.block, cell.domain))
            state.suppress(cell.block, cell.domain)
    changed = True
    while changed:
        changed = state.spread()
        changed |= state.lift_floors()
        for block in state.blocks:
            for breakdown in state.breakdowns:
                changed |= state.complement(block, breakdown)
    while state.prune(primary):
        pass
    return frozenset(cell.key for cell in cells if state.hidden(cell))


DomainCells = Mapping[str, DisclosureCell]
"""The cells of one (variable, option) in the domains of one breakdown, by domain."""


class _State:
    """The suppressed (block, domain) pairs of a wave while :func:`protect` works."""

    def __init__(
        self,
        cells: Sequence[DisclosureCell],
        parents: Mapping[str, Sequence[str]],
        floors: Mapping[tuple[str, str], Sequence[tuple[str, str]]],
        protection: float,
    ) -> None:
        self.cells = {cell.key: cell for cell in cells}
        self.floors = floors
        self.floored = [cell.key for cell in cells if (cell.variable, cell.option) in floors]
        self.protection = protection
        self.suppressed_blocks: set[tuple[str, str]] = set()
        self.children: dict[str, set[str]] = defaultdict(set)
        self.parents: dict[str, set[str]] = defaultdict(set)
        for child, read in parents.items():
            for parent in read:
                self.children[parent].add(child)
                self.parents[child].add(parent)
        self.floored_by: dict[tuple[str, str], list[DisclosureCell]] = defaultdict(list)
        for key in self.floored:
            cell = self.cells[key]
            for variable, option in floors[(cell.variable, cell.option)]:
                floor = self.cells.get((variable, option, cell.domain))
                if floor is not None:
                    self.floored_by[(floor.block, floor.domain)].append(cell)
        self.by_block: dict[str, list[DisclosureCell]] = defaultdict(list)
        for cell in cells:
            self.by_block[cell.block].append(cell)
        self.blocks = sorted(self.by_block)
        self.domains = sorted({cell.domain for cell in cells})
        self.breakdowns = sorted({_breakdown(d) for d in self.domains if d != ALL})
        self.respondents: dict[str, int] = defaultdict(int)
        for cell in cells:
            self.respondents[cell.domain] = max(self.respondents[cell.domain], cell.estimate.n)

    def hidden(self, cell: DisclosureCell) -> bool:
        return (cell.block, cell.domain) in self.suppressed_blocks

    def suppress(self, block: str, domain: str) -> bool:
        if (block, domain) in self.suppressed_blocks:
            return False
        self.suppressed_blocks.add((block, domain))
        return True

    def spread(self) -> bool:
        """Blocks follow their parents; a block suppressed nationally goes everywhere."""
        changed = False
        pending = sorted(self.suppressed_blocks)
        while pending:
            block, domain = pending.pop()
            follow = [(child, domain) for child in sorted(self.children.get(block, ()))]
            if domain == ALL:
                follow += [(block, d) for d in self.domains]
            for pair in follow:
                if self.suppress(*pair):
                    pending.append(pair)
                    changed = True
        return changed

    def box(self, cell: DisclosureCell) -> tuple[float, float]:
        """Where an outsider knows the cell lies: its scale, raised to the highest of its
        published floors."""
        low, high = cell.scale
        for variable, option in self.floors.get((cell.variable, cell.option), ()):
            floor = self.cells.get((variable, option, cell.domain))
            if floor is not None and not self.hidden(floor) and cell.weight > 0:
                low = max(low, floor.weight * floor.estimate.estimate / cell.weight)
        return (low, min(high, max(low, high)))

    def lift_floors(self) -> bool:
        """Suppress the published floors that leave a hidden cell less room above its lowest
        possible value than required (:meth:`required`)."""
        changed = False
        for key in sorted(self.floored):
            cell = self.cells[key]
            if not self.hidden(cell) or cell.weight <= 0:
                continue
            for variable, option in self.floors[(cell.variable, cell.option)]:
                floor = self.cells.get((variable, option, cell.domain))
                if floor is None or self.hidden(floor):
                    continue
                raised = floor.weight * floor.estimate.estimate / cell.weight
                if cell.scale[1] - raised < self.required(cell):
                    changed |= self.suppress(floor.block, floor.domain)
        return changed

    def required(self, cell: DisclosureCell) -> float:
        """The width a hidden cell's interval must reach: ``protection`` of its scale, or,
        where the national figure alone leaves less, all that it leaves (reached when the
        domains that hold the rest are suppressed too)."""
        low, high = cell.scale
        wanted = self.protection * (high - low)
        national = self.cells.get((cell.variable, cell.option, ALL))
        if national is None or cell.domain == ALL:
            return wanted
        lower, upper = feasible_interval(
            cell.weight,
            national.weight - cell.weight,
            national.weight * national.estimate.estimate,
            cell.scale,
        )
        return min(wanted, upper - lower)

    def complement(self, block: str, breakdown: str) -> bool:
        """Suppress ``block`` in more domains of ``breakdown`` until the feasible interval of
        every hidden cell of the block in the breakdown is as wide as required: each time the
        domain that leaves the least shortfall (:meth:`_score`; then: the fewest cells short;
        then: the fewest respondents). Hiding every domain leaves each cell the interval of the
        national figure alone, which is what it requires then. True if any was added."""
        domains = [d for d in self.domains if _breakdown(d) == breakdown]
        hidden = {d for d in domains if (block, d) in self.suppressed_blocks}
        if not hidden or (block, ALL) in self.suppressed_blocks:
            return False
        columns = list(self._columns(block, domains).values())
        added = False
        score = self._score(columns, hidden)
        while score[1] > 0:
            candidates = [d for d in domains if d not in hidden and self._holds(block, d)]
            if not candidates:
                break
            trials = {d: self._score(columns, hidden | {d}) for d in candidates}
            best = min(candidates, key=lambda d: (trials[d], self.respondents[d]))
            hidden.add(best)
            self.suppress(block, best)
            score = trials[best]
            added = True
        return added

    def prune(self, primary: set[tuple[str, str]]) -> bool:
        """Publish again the complements that turn out not to be needed: a block hidden in a
        domain only as a complement (no primary cell of it there, no block it is routed on
        hidden there, no hidden cell there that it is a floor of), where every other hidden
        cell of the block in the breakdown keeps the width required without it. The largest
        domains are tried first. True if any was published."""
        pruned = False
        for block in self.blocks:
            if (block, ALL) in self.suppressed_blocks:
                continue
            for breakdown in self.breakdowns:
                domains = [d for d in self.domains if _breakdown(d) == breakdown]
                hidden = {d for d in domains if (block, d) in self.suppressed_blocks}
                columns = list(self._columns(block, domains).values())
                for domain in sorted(hidden, key=lambda d: (-self.respondents[d], d)):
                    if (block, domain) in primary or self._forced(block, domain):
                        continue
                    if self._score(columns, hidden - {domain})[1] == 0:
                        hidden.discard(domain)
                        self.suppressed_blocks.discard((block, domain))
                        pruned = True
        return pruned

    def _forced(self, block: str, domain: str) -> bool:
        """Whether the routing or a floor keeps ``block`` hidden in ``domain``."""
        if any((parent, domain) in self.suppressed_blocks for parent in self.parents[block]):
            return True
        return any(self.hidden(cell) for cell in self.floored_by[(block, domain)])

    def _holds(self, block: str, domain: str) -> bool:
        return any(cell.domain == domain for cell in self.by_block[block])

    def _columns(
        self, block: str, domains: Iterable[str]
    ) -> dict[tuple[str, str], dict[str, DisclosureCell]]:
        """The block's cells in this breakdown, per (variable, option), per domain."""
        wanted = set(domains)
        columns: dict[tuple[str, str], dict[str, DisclosureCell]] = defaultdict(dict)
        for cell in self.by_block[block]:
            if cell.domain in wanted:
                columns[(cell.variable, cell.option)][cell.domain] = cell
        return columns

    def _score(self, columns: Sequence[DomainCells], hidden: set[str]) -> tuple[float, int]:
        """How far ``hidden`` falls short: the sum over the hidden cells of the fraction of
        the required width their feasible interval lacks, and how many lack some."""
        short = 0
        lacking = 0.0
        for column in columns:
            for domain in sorted(hidden):
                if domain in column:
                    reached = self._reached(column, domain, hidden)
                    if reached < 1.0:
                        short += 1
                        lacking += 1.0 - reached
        return (round(lacking, 9), short)

    def _reached(self, column: DomainCells, target: str, hidden: set[str]) -> float:
        """The width of the target's feasible interval (:func:`interval_in`) as a fraction of
        the width required (:meth:`required`)."""
        required = self.required(column[target])
        if required <= 0:
            return math.inf
        cells = [column[d] for d in sorted(hidden) if d in column]
        low, high = interval_in(
            column[target],
            [(c.weight, self.box(c)) for c in cells if c.domain != target],
            sum(c.weight * c.estimate.estimate for c in cells),
            self.box(column[target]),
        )
        return (high - low) / (required * (1 - 1e-9))


def interval_in(
    cell: DisclosureCell,
    others: Sequence[tuple[float, tuple[float, float]]],
    remainder: float,
    box: tuple[float, float],
) -> tuple[float, float]:
    """:func:`feasible_interval` with a box of its own for every cell: ``others`` are the
    other suppressed cells' (weight, (lowest, highest))."""
    low, high = box
    least = sum(weight * lowest for weight, (lowest, _) in others)
    most = sum(weight * highest for weight, (_, highest) in others)
    return (
        max(low, (remainder - most) / cell.weight),
        min(high, (remainder - least) / cell.weight),
    )


def _breakdown(domain: str) -> str:
    return domain.partition("=")[0]


def released_size_classes(
    classes: Sequence[str], *, min_group: int = SMALL_GROUP
) -> list[str | None]:
    """The publication class of each anonymous row of the open microdata as it may be shown
    (``None``: withheld; decision record 0011): on every row if each class has at least
    ``min_group`` rows, else on none. Rows of municipalities that consented to be named are
    not in ``classes``. The province is never shown on an anonymous row: the estimates
    publish each province's figures with their n, and a small province's rows could be
    picked out of the anonymous ones by matching them."""
    counts = Counter(classes)
    show = all(count >= min_group for count in counts.values())
    return [size_class if show else None for size_class in classes]


def identifying_variables(questionnaire: Questionnaire) -> frozenset[str]:
    """The answer variables that name or narrow down the municipality itself, left out of an
    anonymous row of the open microdata: a variable with a code list of municipalities (A1),
    one listing the municipalities a shared organisation answered for (A4a), and the
    variables tied to either by routing (those they are routed on, A4, and those routed on
    them, A2: the self-reported size class asked when A1 was skipped)."""
    direct = {v.name for v in questionnaire.variables() if v.code_list is not None or v.covers}
    parents = block_parents(questionnaire)
    tied = {parent for name in direct for parent in parents.get(name, ())}
    tied |= {name for name, read in parents.items() if direct & set(read)}
    names = {v.name for v in questionnaire.variables()}
    return frozenset((direct | tied) & names)


def top_coded(values: Sequence[float | None], *, min_group: int = SMALL_GROUP) -> float | None:
    """The ceiling of a number in anonymous microdata: the ``min_group``-th largest value, so
    that at least that many rows show the ceiling or more and no outlier (the one municipality
    with 60 fte for AI) stands out; ``None`` when there are fewer than ``min_group`` values
    (no value may be shown then)."""
    present = sorted((v for v in values if v is not None), reverse=True)
    if len(present) < min_group:
        return None
    return present[min_group - 1]

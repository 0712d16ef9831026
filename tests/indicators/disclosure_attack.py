"""An outsider's attack on the published estimates of a wave, written without the disclosure
module: it reads the estimates export as anyone can download it and tries to recover every
withheld figure.

What the attacker knows:

* every published row of the export (``variable, option, domain, estimate, n, suppressed``),
  with its figures as printed: a figure printed with d decimals lies within half a unit of
  the d-th decimal of the true figure (the rounding is used, not ignored);
* the codebook: which answers of an item exclude each other (the codes of a single choice,
  a Likert item or a grid row add up to 100 %), which code groups are sums of codes, that a
  Likert mean is the average of the codes 1-5, that a ranking has one first place and at
  most N places in its top N, that a multiple choice has at least one tick and that an
  exclusive option is ticked alone, that a grid's ``any:`` share is at least every row's
  group share and at most their sum;
* which municipalities make up each domain (the frame is public), and more than an outsider
  has: the **exact** weighted base of every cell (the sum of the weights of the respondents in
  the cell's base). An outsider knows it exactly only where everyone answered (then it is the
  frame count, because the weights are raked to the frame); giving it away makes the attacker
  stronger, never weaker.

What it does: for every item it writes all of this as one linear programme over the item's
cells in all domains (the national figure equals the weighted sum of the size classes, and of
the provinces; within a domain the codebook's relations hold; a published figure lies in its
rounding interval; a withheld share lies in [0, 1], a withheld mean in its scale) and, for
every withheld figure, minimises and maximises it (HiGHS): the feasible interval. Its guess is
the midpoint. A withheld figure counts as **recovered** when the interval is at most 10
percentage points wide (the attacker can then name it to within 5 points, and knows it) and
the midpoint is in fact within 5 points of the true figure; for a mean the same with 10 % and
5 % of its scale.
"""

from __future__ import annotations

import csv
import io
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog

from aimonitor.frame import Frame, Lineage
from aimonitor.indicators import EstimateTable, WaveData, build_matrix, weight_wave
from aimonitor.indicators.estimate import place_respondents
from aimonitor.questionnaire import Variable

RECOVERY_HALF_WIDTH = 0.05
"""Recovered: known to within 5 percentage points (5 % of the scale for a mean)."""

_SIZE_RANGES = {
    "lt20k": (0, 20_000),
    "20k-50k": (20_000, 50_000),
    "50k-100k": (50_000, 100_000),
    "100k-250k": (100_000, 250_000),
    "ge250k": (250_000, None),
    "ge100k": (100_000, None),
}
"""What a size-class domain code means, in inhabitants (the attacker's own reading)."""

Key = tuple[str, str]  # (variable, option)


@dataclass(frozen=True)
class Published:
    """One row of the export as an outsider reads it."""

    variable: str
    option: str
    domain: str
    value: float | None
    half_unit: float
    """Half a unit of the last printed decimal: the rounding the attacker allows for."""
    n: int | None


@dataclass(frozen=True)
class Outcome:
    """The attack on one withheld figure."""

    variable: str
    option: str
    domain: str
    n: int
    """The true n (not published)."""
    truth: float
    lower: float
    upper: float
    scale: float
    """The width of the figure's possible range (1 for a share)."""
    exact: bool
    """The interval is the feasible interval; otherwise it is a part of it (two feasible
    points already more than the recovery width apart)."""
    national_only: tuple[float, float]
    """The interval the published national figure alone leaves (every other domain of the
    breakdown withheld too): no suppression in the breakdown can make it wider."""

    @property
    def guess(self) -> float:
        return (self.lower + self.upper) / 2

    @property
    def recovered(self) -> bool:
        half = RECOVERY_HALF_WIDTH * self.scale
        narrow = self.upper - self.lower <= 2 * half + 1e-9
        return narrow and abs(self.guess - self.truth) <= half + 1e-9

    @property
    def implied_by_national(self) -> bool:
        """The national figure alone already tells the figure to within 5 points: what it
        says of every municipality, it says of this group too."""
        low, high = self.national_only
        return high - low <= 2 * RECOVERY_HALF_WIDTH * self.scale + 1e-9

    @property
    def sound(self) -> bool:
        """The true figure lies in the exact interval: the attack's model holds."""
        if not self.exact:
            return True
        slack = 1e-6 * self.scale
        return self.lower - slack <= self.truth <= self.upper + slack


def read_export(text: str) -> list[Published]:
    """The rows of a CSV estimates export (comment line skipped). How far a figure was
    rounded is read off the file: the most decimals any share (or any mean) is printed with;
    a file printed to full precision (17 digits) counts as exact."""
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    records = list(csv.DictReader(io.StringIO("\n".join(lines))))
    decimals: dict[bool, int] = defaultdict(int)
    for record in records:
        printed = record["estimate"]
        if printed:
            digits = len(printed.split(".")[1]) if "." in printed else 0
            if "e" in printed.lower():
                digits = 17
            mean = record["option"] == "mean"
            decimals[mean] = max(decimals[mean], digits)
    rows = []
    for record in records:
        printed = record["estimate"]
        digits = decimals[record["option"] == "mean"]
        rows.append(
            Published(
                variable=record["variable"],
                option=record["option"],
                domain=record["domain"],
                value=float(printed) if printed else None,
                half_unit=_FLOOR if digits > 6 else max(0.5 * 10.0**-digits, _FLOOR),
                n=int(record["n"]) if record["n"] else None,
            )
        )
    return rows


_FLOOR = 1e-6
"""The least rounding allowed for (figures printed to 17 digits): the solver's tolerance."""


def _in_domain(domain: str, province: str, inhabitants: int) -> bool:
    if domain == "all":
        return True
    kind, _, value = domain.partition("=")
    if kind == "province":
        return province == value
    if kind == "size_class":
        lower, upper = _SIZE_RANGES[value]
        return lower <= inhabitants and (upper is None or inhabitants < upper)
    raise AssertionError(f"the attacker does not know domain {domain}")


@dataclass
class _Programme:
    """One item's linear programme: a variable per (key, domain) cell.

    A published cell only moves within its rounding interval, so before solving it is folded
    into the constraints it appears in (each constraint gets the range its published cells
    allow: the attacker loses at most the rounding, counted once per constraint), and the
    withheld cells split into independent groups, each solved on its own.
    """

    index: dict[tuple[Key, str], int] = field(default_factory=dict)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    free: list[bool] = field(default_factory=list)
    eq: list[tuple[dict[int, float], float]] = field(default_factory=list)
    ub: list[tuple[dict[int, float], float]] = field(default_factory=list)
    exact: set[int] = field(default_factory=set)
    """The free cells whose interval is exact (the others: at least as wide as found)."""

    def cell(self, key: Key, domain: str) -> int | None:
        return self.index.get((key, domain))

    def add(self, key: Key, domain: str, lower: float, upper: float, *, free: bool) -> None:
        self.index[(key, domain)] = len(self.lower)
        self.lower.append(lower)
        self.upper.append(upper)
        self.free.append(free)

    def equal(self, terms: Mapping[int, float], rhs: float = 0.0) -> None:
        self.eq.append((dict(terms), rhs))

    def at_most(self, terms: Mapping[int, float], rhs: float = 0.0) -> None:
        self.ub.append((dict(terms), rhs))

    def bounds(self) -> dict[int, tuple[float, float]]:
        """The feasible interval of every free cell."""
        ranged = [(terms, rhs, rhs) for terms, rhs in self.eq]
        ranged += [(terms, -math.inf, rhs) for terms, rhs in self.ub]
        constraints: list[tuple[dict[int, float], float, float]] = []
        for terms, low, high in ranged:
            known_low = known_high = 0.0
            unknown = {}
            for i, a in terms.items():
                if self.free[i]:
                    unknown[i] = a
                else:
                    ends = (a * self.lower[i], a * self.upper[i])
                    known_low += min(ends)
                    known_high += max(ends)
            if unknown:
                constraints.append((unknown, low - known_high, high - known_low))
            else:
                assert low - 1e-6 <= known_high, terms
                assert known_low <= high + 1e-6, terms
        groups = _components([i for i, free in enumerate(self.free) if free], constraints)
        found: dict[int, tuple[float, float]] = {}
        for cells, members in groups:
            found.update(self._solve(cells, [constraints[k] for k in members]))
        return found

    def _solve(
        self, cells: list[int], constraints: list[tuple[dict[int, float], float, float]]
    ) -> dict[int, tuple[float, float]]:
        if not constraints:
            self.exact.update(cells)
            return {i: (self.lower[i], self.upper[i]) for i in cells}
        column = {cell: j for j, cell in enumerate(cells)}
        rows: list[tuple[dict[int, float], float]] = []
        for terms, low, high in constraints:
            local = {column[i]: a for i, a in terms.items()}
            if math.isfinite(high):
                rows.append((local, high))
            if math.isfinite(low):
                rows.append(({j: -a for j, a in local.items()}, -low))
        a_ub, b_ub = _sparse(rows, len(cells))
        box = [(self.lower[i], self.upper[i]) for i in cells]

        def extreme(objective: np.ndarray) -> np.ndarray:
            result = linprog(objective, A_ub=a_ub, b_ub=b_ub, bounds=box, method="highs-ds")
            assert result.status == 0, f"the attack's programme failed: {result.message}"
            return np.asarray(result.x)

        # Feasible points in a few directions first: a cell whose value differs by more than
        # the recovery width between two of them is certainly not recovered, and its range is
        # at least that wide. Only the others get their exact interval (two programmes each).
        rng = np.random.default_rng(len(cells))
        points = [extreme(sign * np.ones(len(cells))) for sign in (1.0, -1.0)]
        points += [extreme(rng.choice([-1.0, 1.0], len(cells))) for _ in range(_DIRECTIONS)]
        seen = np.array(points)
        low, high = seen.min(axis=0), seen.max(axis=0)
        found = {}
        exact = self.exact
        for cell, j in column.items():
            scale = self.upper[cell] - self.lower[cell]
            if high[j] - low[j] <= 2 * RECOVERY_HALF_WIDTH * scale + 1e-9:
                unit = np.zeros(len(cells))
                unit[j] = 1.0
                low[j], high[j] = extreme(unit)[j], extreme(-unit)[j]
                exact.add(cell)
            found[cell] = (float(low[j]), float(high[j]))
        return found


_DIRECTIONS = 8
"""Random directions tried per group of withheld cells before exact intervals."""


def _components(
    cells: list[int], constraints: Sequence[tuple[dict[int, float], float, float]]
) -> list[tuple[list[int], list[int]]]:
    """The free cells in groups linked by constraints, with each group's constraints."""
    parent = {cell: cell for cell in cells}

    def root(cell: int) -> int:
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    for terms, _, _ in constraints:
        first, *rest = terms
        for other in rest:
            parent[root(other)] = root(first)
    members: dict[int, list[int]] = defaultdict(list)
    for cell in cells:
        members[root(cell)].append(cell)
    linked: dict[int, list[int]] = defaultdict(list)
    for k, (terms, _, _) in enumerate(constraints):
        linked[root(next(iter(terms)))].append(k)
    return [(group, linked.get(top, [])) for top, group in members.items()]


def _sparse(
    rows: Sequence[tuple[dict[int, float], float]], size: int
) -> tuple[np.ndarray | None, np.ndarray | None]:
    if not rows:
        return None, None
    r, c, v = [], [], []
    for i, (terms, _) in enumerate(rows):
        for j, coefficient in terms.items():
            r.append(i)
            c.append(j)
            v.append(coefficient)
    matrix = np.zeros((len(rows), size))
    matrix[r, c] = v
    return matrix, np.array([rhs for _, rhs in rows])


class Attack:
    """The attack on one wave's export, with the exact weighted bases handed to it."""

    def __init__(
        self,
        wave: WaveData,
        frame: Frame,
        lineage: Lineage | None,
        table: EstimateTable,
        export: str,
    ) -> None:
        self.questionnaire = wave.questionnaire
        self.table = table
        self.published = read_export(export)
        self.by_key = {(r.variable, r.option, r.domain): r for r in self.published}
        self.domains = sorted({row.domain for row in self.published})
        members = place_respondents(wave, frame, lineage)
        weights = weight_wave(
            [m.size_class.code for m in members], [m.province for m in members], frame
        ).design
        assert weights is not None
        matrix = build_matrix(wave)
        in_base = ~np.isnan(matrix.values)
        self.base_weight: dict[tuple[Key, str], float] = {}
        for domain in self.domains:
            mask = np.array([_in_domain(domain, m.province, m.inhabitants) for m in members])
            totals = (in_base & mask[:, None]).T.astype(float) @ weights.weights
            for j, estimand in enumerate(matrix.estimands):
                self.base_weight[(estimand.key, domain)] = float(totals[j])

    def run(self, items: Iterable[str] | None = None) -> list[Outcome]:
        """Attack every withheld figure (of ``items`` only, if given)."""
        by_item: dict[str, list[Published]] = defaultdict(list)
        for row in self.published:
            by_item[self._item_of(row.variable)].append(row)
        wanted = set(by_item) if items is None else set(items)
        outcomes: list[Outcome] = []
        for item, rows in by_item.items():
            if item in wanted:
                outcomes.extend(self._attack_item(rows))
        return outcomes

    def _item_of(self, name: str) -> str:
        try:
            return self.questionnaire.variable(name).item
        except KeyError:
            return name  # an indicator across a grid's rows is keyed by the item id

    def _scale(self, variable: str, option: str) -> tuple[float, float]:
        if option != "mean":
            return 0.0, 1.0
        v = self.questionnaire.variable(variable)
        if v.likert:
            substantive = [c.code for c in v.codes if not c.special]
            return float(min(substantive)), float(max(substantive))
        assert v.bounds is not None
        return float(v.bounds.min), float(v.bounds.max)

    def _attack_item(self, rows: list[Published]) -> list[Outcome]:
        lp = _Programme()
        withheld = []
        for row in rows:
            key = (row.variable, row.option)
            low, high = self._scale(*key)
            if row.value is None:
                lp.add(key, row.domain, low, high, free=True)
                withheld.append(row)
            else:
                lp.add(
                    key,
                    row.domain,
                    max(low, row.value - row.half_unit),
                    min(high, row.value + row.half_unit),
                    free=False,
                )
        keys = sorted({(row.variable, row.option) for row in rows})
        self._breakdowns(lp, keys)
        self._codebook(lp, keys)
        found = lp.bounds()
        outcomes = []
        for row in withheld:
            index = lp.index[((row.variable, row.option), row.domain)]
            lower, upper = found[index]
            low, high = self._scale(row.variable, row.option)
            true_row = self.table.find(row.variable, row.option, row.domain)
            if true_row is None:
                continue  # nobody in the domain was asked: there is nothing to recover
            truth = true_row.estimate.estimate
            outcomes.append(
                Outcome(
                    row.variable,
                    row.option,
                    row.domain,
                    true_row.estimate.n,
                    truth,
                    lower,
                    upper,
                    high - low,
                    exact=index in lp.exact,
                    national_only=self._national_only(row, low, high),
                )
            )
        return outcomes

    def _national_only(self, row: Published, low: float, high: float) -> tuple[float, float]:
        key = (row.variable, row.option)
        national = self.by_key.get((*key, "all"))
        if national is None or national.value is None or row.domain == "all":
            return (low, high)
        whole = self.base_weight[(key, "all")]
        own = self.base_weight[(key, row.domain)]
        total_low = whole * max(low, national.value - national.half_unit)
        total_high = whole * min(high, national.value + national.half_unit)
        rest = whole - own
        return (
            max(low, (total_low - rest * high) / own),
            min(high, (total_high - rest * low) / own),
        )

    def _breakdowns(self, lp: _Programme, keys: Sequence[Key]) -> None:
        """National = the weighted sum of the size classes, and of the provinces."""
        for key in keys:
            total = lp.cell(key, "all")
            if total is None:
                continue
            for prefix in ("size_class=", "province="):
                terms = {total: -self.base_weight[(key, "all")]}
                for domain in self.domains:
                    if not domain.startswith(prefix):
                        continue
                    cell = lp.cell(key, domain)
                    weight = self.base_weight[(key, domain)]
                    if cell is None:
                        assert weight == 0, f"{key} {domain}: weighted base but no row"
                        continue
                    terms[cell] = weight
                if len(terms) > 1:
                    scale = self.base_weight[(key, "all")]
                    lp.equal({i: w / scale for i, w in terms.items()})

    def _codebook(self, lp: _Programme, keys: Sequence[Key]) -> None:
        by_variable: dict[str, set[str]] = defaultdict(set)
        for variable, option in keys:
            by_variable[variable].add(option)
        for name, options in by_variable.items():
            try:
                variable = self.questionnaire.variable(name)
            except KeyError:
                self._any_rows(lp, name, options)
                continue
            for domain in self.domains:
                self._within(lp, variable, options, domain)

    def _within(self, lp: _Programme, v: Variable, options: set[str], domain: str) -> None:
        def cell(option: str) -> int | None:
            return lp.cell((v.name, option), domain) if option in options else None

        codes = [str(c.code) for c in v.codes]
        present = [cell(code) for code in codes]
        if v.type in ("single_choice", "likert"):
            if any(i is not None for i in present):
                assert all(i is not None for i in present), (v.name, domain)
                lp.equal({i: 1.0 for i in present if i is not None}, 1.0)
            for group in v.groups:
                g = cell(f"group:{group.key}")
                if g is not None:
                    terms = {cell(str(c)): 1.0 for c in group.codes}
                    lp.equal({**{i: w for i, w in terms.items() if i is not None}, g: -1.0})
            mean = cell("mean")
            if v.likert and mean is not None and all(i is not None for i in present):
                substantive = self.base_weight[((v.name, "mean"), domain)]
                answered = self.base_weight[((v.name, codes[0]), domain)]
                terms = {mean: -substantive}
                for c, i in zip(v.codes, present, strict=True):
                    if not c.special and i is not None:
                        terms[i] = c.code * answered
                lp.equal(terms)
        elif v.type == "multiple_choice":
            ticks = [i for i in present if i is not None]
            if ticks:
                lp.at_most(dict.fromkeys(ticks, -1.0), -1.0)  # at least one tick
            for c, i in zip(v.codes, present, strict=True):
                if c.exclusive and i is not None:
                    for j in ticks:
                        if j != i:
                            lp.at_most({i: 1.0, j: 1.0}, 1.0)
        elif v.type == "ranking":
            ranks = v.max_choices or 1
            first = [cell(f"rank1:{code}") for code in codes]
            if any(i is not None for i in first):
                lp.equal({i: 1.0 for i in first if i is not None}, 1.0)
            if ranks > 1:
                top = [cell(f"top{ranks}:{code}") for code in codes]
                kept = [i for i in top if i is not None]
                if kept:
                    lp.at_most(dict.fromkeys(kept, 1.0), float(ranks))
                    lp.at_most(dict.fromkeys(kept, -1.0), -1.0)
                for i, j in zip(first, top, strict=True):
                    if i is not None and j is not None:
                        lp.at_most({i: 1.0, j: -1.0})

    def _any_rows(self, lp: _Programme, item_id: str, options: set[str]) -> None:
        """``any:g`` of a grid: at least every row's group share, at most their sum
        (in weighted counts, as the bases differ)."""
        item = self.questionnaire.item(item_id)
        for option in options:
            group = option.removeprefix("any:")
            rows = [f"{item_id}_{row.key}" for row in getattr(item, "rows", ())]
            for domain in self.domains:
                whole = lp.cell((item_id, option), domain)
                if whole is None:
                    continue
                w_any = self.base_weight[((item_id, option), domain)]
                upper = {whole: -w_any}
                for name in rows:
                    part = lp.cell((name, f"group:{group}"), domain)
                    if part is None:
                        continue
                    w_row = self.base_weight[((name, f"group:{group}"), domain)]
                    lp.at_most({part: w_row, whole: -w_any})
                    upper[part] = w_row
                if len(upper) > 1:
                    lp.at_most({i: -w for i, w in upper.items()})


def summary(outcomes: Sequence[Outcome]) -> str:
    recovered = [o for o in outcomes if o.recovered]
    exact = [o for o in recovered if o.upper - o.lower <= 1e-3 * o.scale]
    return (
        f"{len(outcomes)} withheld, {len(recovered)} recovered to within 5 points "
        f"({len(exact)} to within 0.1 point); unsound intervals: "
        f"{sum(not o.sound for o in outcomes)}"
    )

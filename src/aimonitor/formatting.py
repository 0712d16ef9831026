"""The one place where numbers become text, per output language (``nl``, ``en``).

Rounding rule
    A value is taken at its shortest decimal representation (Python's ``repr``: ``0.485`` is
    the decimal 0.485, not the binary float just below it), scaled exactly (proportions times
    100) and rounded *half away from zero* to the requested number of decimals (by default
    whole percentages): 48.5% -> 49%, 48.49% -> 48%, -6.5 points -> -7 points. A rounded zero
    is shown without a sign.

    This rounding is monotone (a larger value never displays smaller), so an estimate that lies
    inside its interval is displayed inside its displayed interval. :func:`displayed_interval`
    checks the input and enforces the guarantee.

Decimals of a claimed difference
    A significant difference is printed with up to two more decimals when, at the usual
    decimals, its interval bound nearest 0 would print as 0 ("95%-BI 0 tot +14") or the two
    levels it compares would print equal ("van 48% naar 48%"). "Prints as 0" is decided by the
    rounding rule above, so a bound of exactly 0.5 points prints as 1 and needs no extra
    decimal. :func:`difference_decimals` is the one rule; the report's change column and the
    key-finding sentences both use it, through :func:`format_difference`.

Separators
    Dutch: decimal comma, thousands dot (``3,8``; ``1.234``). English: decimal point,
    thousands comma (``3.8``; ``1,234``). Negative numbers use the minus sign U+2212.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final, Literal

from aimonitor.errors import AimonitorError
from aimonitor.i18n import Lang, check_language, translator
from aimonitor.stats import Estimate, significant

ValueScale = Literal["proportion", "mean"]
"""What a figure is on: a share (printed in percent, differences in percentage points) or a
mean (printed as is)."""

MORE_DECIMALS: Final = 2
"""At most this many decimals more than usual for a claimed difference."""

MINUS: Final = "\u2212"

# Tolerance for floating-point noise when checking that an estimate lies in its interval.
_TOLERANCE: Final = 1e-9

_SEPARATORS: Final = {"nl": (",", "."), "en": (".", ",")}  # (decimal, thousands)


class InvalidEstimateError(AimonitorError):
    """An estimate that cannot be displayed as asked (outside its interval, not a proportion)."""


def round_half_up(value: float | Decimal, decimals: int = 0, *, scale: int = 1) -> Decimal:
    """``value * scale`` rounded half away from zero to ``decimals`` places, as a Decimal."""
    if decimals < 0:
        raise ValueError("decimals must be zero or more")
    exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    rounded = (exact * scale).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded == 0 else rounded


def _digits(value: Decimal, lang: Lang, decimals: int, *, signed: bool = False) -> str:
    """Render an already rounded Decimal with the language's separators."""
    decimal_sep, thousands_sep = _SEPARATORS[check_language(lang)]
    text = f"{abs(value):,.{decimals}f}"
    text = text.replace(",", "\0").replace(".", decimal_sep).replace("\0", thousands_sep)
    if value < 0:
        return MINUS + text
    if signed and value > 0:
        return "+" + text
    return text


def format_number(value: float, lang: Lang, *, decimals: int = 0) -> str:
    """A plain number: ``1234`` -> nl ``1.234``, en ``1,234``."""
    return _digits(round_half_up(value, decimals), lang, decimals)


def format_mean(value: float, lang: Lang, *, decimals: int = 1) -> str:
    """A mean (e.g. of a 1-5 scale): ``3.84`` -> nl ``3,8``, en ``3.8``."""
    return format_number(value, lang, decimals=decimals)


def format_n(n: int, lang: Lang) -> str:
    """The number of respondents: ``n = 118`` (``n = 1.234`` in Dutch)."""
    return translator(lang).gettext("n = {n}").format(n=format_number(n, lang))


def _percent_digits(proportion: float | Decimal, lang: Lang, decimals: int) -> str:
    return _digits(round_half_up(proportion, decimals, scale=100), lang, decimals)


def format_percent(proportion: float, lang: Lang, *, decimals: int = 0) -> str:
    """A proportion (0..1) as a percentage: ``0.48`` -> ``48%``; ``0.042`` at 1 decimal -> nl
    ``4,2%``, en ``4.2%``."""
    return (
        translator(lang)
        .gettext("{value}%")
        .format(value=_percent_digits(proportion, lang, decimals))
    )


def format_level(level: float, lang: Lang) -> str:
    """A confidence level as a percentage with no more decimals than needed: ``95%``,
    ``99,5%``."""
    exponent = (Decimal(repr(float(level))) * 100).normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_percent(level, lang, decimals=decimals)


@dataclass(frozen=True, slots=True)
class DisplayedInterval:
    """An estimate and its interval in percent, rounded as they are displayed."""

    estimate: Decimal
    lower: Decimal
    upper: Decimal
    decimals: int


def displayed_interval(estimate: Estimate, *, decimals: int = 0) -> DisplayedInterval:
    """The percentages as displayed for a proportion ``estimate`` and its interval.

    Raises :class:`InvalidEstimateError` when the estimate is not a proportion in 0..1 or lies
    outside its own interval. The displayed estimate always lies within the displayed interval.
    """
    p, lo, hi = estimate.estimate, estimate.ci_lower, estimate.ci_upper
    if not -_TOLERANCE <= lo <= hi <= 1 + _TOLERANCE:
        raise InvalidEstimateError(
            f"interval {lo!r}..{hi!r} is not an interval of a proportion in 0..1"
        )
    if not lo - _TOLERANCE <= p <= hi + _TOLERANCE:
        raise InvalidEstimateError(f"estimate {p!r} lies outside its interval {lo!r}..{hi!r}")
    shown = round_half_up(p, decimals, scale=100)
    # Monotone rounding already keeps ``shown`` inside; min/max only absorb float noise
    # within the tolerance above.
    lower = min(round_half_up(max(lo, 0.0), decimals, scale=100), shown)
    upper = max(round_half_up(min(hi, 1.0), decimals, scale=100), shown)
    return DisplayedInterval(estimate=shown, lower=lower, upper=upper, decimals=decimals)


def format_interval(
    lower: float, upper: float, lang: Lang, *, level: float = 0.95, decimals: int = 0
) -> str:
    """An interval of proportions: nl ``95%-BI 43–53%``, en ``95% CI 43–53%``."""
    return _interval_text(
        round_half_up(lower, decimals, scale=100),
        round_half_up(upper, decimals, scale=100),
        lang,
        level=level,
        decimals=decimals,
    )


def _interval_text(
    lower: Decimal, upper: Decimal, lang: Lang, *, level: float, decimals: int
) -> str:
    return (
        translator(lang)
        .gettext("{level} CI {lower}–{upper}%")
        .format(
            level=format_level(level, lang),
            lower=_digits(lower, lang, decimals),
            upper=_digits(upper, lang, decimals),
        )
    )


def format_estimate(estimate: Estimate, lang: Lang, *, decimals: int = 0) -> tuple[str, str]:
    """The estimate and its interval as displayed: ``("46%", "95%-BI 43–49%")``.

    The displayed estimate never falls outside the displayed interval.
    """
    shown = displayed_interval(estimate, decimals=decimals)
    percent = (
        translator(lang).gettext("{value}%").format(value=_digits(shown.estimate, lang, decimals))
    )
    interval = _interval_text(
        shown.lower, shown.upper, lang, level=estimate.level, decimals=decimals
    )
    return percent, interval


def _points_unit(rounded: Decimal, lang: Lang, decimals: int) -> str:
    count = 1 if abs(rounded) == 1 and decimals == 0 else 2
    return translator(lang).ngettext("percentage point", "percentage points", count)


def format_point_difference(difference: float, lang: Lang, *, decimals: int = 0) -> str:
    """A difference of proportions in percentage points: ``0.06`` -> nl ``+6 procentpunt``,
    en ``+6 percentage points``; a rounded zero has no sign."""
    rounded = round_half_up(difference, decimals, scale=100)
    return (
        translator(lang)
        .gettext("{value} {unit}")
        .format(
            value=_digits(rounded, lang, decimals, signed=True),
            unit=_points_unit(rounded, lang, decimals),
        )
    )


def format_difference_interval(
    lower: float, upper: float, lang: Lang, *, level: float = 0.95, decimals: int = 0
) -> str:
    """The interval of a difference in percentage points, with explicit signs:
    nl ``95%-BI +1 tot +11 procentpunt``, en ``95% CI +1 to +11 percentage points``."""
    low = round_half_up(lower, decimals, scale=100)
    high = round_half_up(upper, decimals, scale=100)
    return (
        translator(lang)
        .gettext("{level} CI {lower} to {upper} {unit}")
        .format(
            level=format_level(level, lang),
            lower=_digits(low, lang, decimals, signed=True),
            upper=_digits(high, lang, decimals, signed=True),
            unit=translator(lang).ngettext("percentage point", "percentage points", 2),
        )
    )


def format_mean_difference(difference: float, lang: Lang, *, decimals: int = 1) -> str:
    """A difference of means, signed: nl ``+0,4``, en ``+0.4``."""
    return _digits(round_half_up(difference, decimals), lang, decimals, signed=True)


def format_mean_difference_interval(
    lower: float, upper: float, lang: Lang, *, level: float = 0.95, decimals: int = 1
) -> str:
    """The interval of a difference of means: nl ``95%-BI −0,1 tot +0,9``."""
    return (
        translator(lang)
        .gettext("{level} CI {lower} to {upper}")
        .format(
            level=format_level(level, lang),
            lower=format_mean_difference(lower, lang, decimals=decimals),
            upper=format_mean_difference(upper, lang, decimals=decimals),
        )
    )


def format_mean_interval(
    lower: float, upper: float, lang: Lang, *, level: float = 0.95, decimals: int = 1
) -> str:
    """An interval of means: nl ``95%-BI 3,4–3,8``, en ``95% CI 3.4–3.8``."""
    return (
        translator(lang)
        .gettext("{level} CI {lower}–{upper}")
        .format(
            level=format_level(level, lang),
            lower=format_mean(lower, lang, decimals=decimals),
            upper=format_mean(upper, lang, decimals=decimals),
        )
    )


def default_decimals(scale: ValueScale) -> int:
    """The usual decimals: whole percentages for shares, one decimal for means."""
    return 0 if scale == "proportion" else 1


def format_value(
    value: float, lang: Lang, scale: ValueScale, *, decimals: int | None = None
) -> str:
    """A level on its scale: a percentage for shares, a mean otherwise, at ``decimals`` (by
    default :func:`default_decimals`)."""
    shown = default_decimals(scale) if decimals is None else decimals
    if scale == "proportion":
        return format_percent(value, lang, decimals=shown)
    return format_mean(value, lang, decimals=shown)


def _scale_factor(scale: ValueScale) -> int:
    return 100 if scale == "proportion" else 1


def difference_decimals(
    difference: Estimate,
    scale: ValueScale,
    *,
    decimals: int | None = None,
    levels: tuple[float, float] | None = None,
) -> int:
    """The decimals to print ``difference`` at: ``decimals`` (by default
    :func:`default_decimals`), or up to :data:`MORE_DECIMALS` more for a significant
    difference that would otherwise not show as one.

    It would not when its interval bound nearest 0 prints as 0 ("95%-BI 0 tot +14"), or,
    when the two ``levels`` compared are given (a sentence states them), when they print equal
    ("van 48% naar 48%"). Printing follows :func:`round_half_up`: a bound of 0.5 points prints
    as 1, not 0.
    """
    base = default_decimals(scale) if decimals is None else decimals
    if not significant(difference):
        return base
    factor = _scale_factor(scale)
    nearest_zero = min(difference.ci_lower, difference.ci_upper, key=abs)

    def looks_unclear(places: int) -> bool:
        if round_half_up(nearest_zero, places, scale=factor) == 0:
            return True
        if levels is None:
            return False
        first, second = levels
        return round_half_up(first, places, scale=factor) == round_half_up(
            second, places, scale=factor
        )

    shown = base
    while shown < base + MORE_DECIMALS and looks_unclear(shown):
        shown += 1
    return shown


def format_difference(
    difference: Estimate, lang: Lang, scale: ValueScale, *, decimals: int | None = None
) -> tuple[str, str]:
    """A difference and its interval at ``decimals`` (by default :func:`default_decimals`):
    ``("+6 procentpunt", "95%-BI +1 tot +11 procentpunt")`` for shares, ``("+0,4",
    "95%-BI −0,1 tot +0,9")`` for means. Choose ``decimals`` with :func:`difference_decimals`.
    """
    shown = default_decimals(scale) if decimals is None else decimals
    lower, upper, level = difference.ci_lower, difference.ci_upper, difference.level
    if scale == "proportion":
        return (
            format_point_difference(difference.estimate, lang, decimals=shown),
            format_difference_interval(lower, upper, lang, level=level, decimals=shown),
        )
    return (
        format_mean_difference(difference.estimate, lang, decimals=shown),
        format_mean_difference_interval(lower, upper, lang, level=level, decimals=shown),
    )


UNDEFINED: Final = "–"
"""What a rate that is not defined (nothing to divide by) prints as."""


def format_rate(rate: float | None, lang: Lang) -> str:
    """A rate such as a response rate: a whole percentage, or "–" when it is undefined
    (``None``: a group without municipalities)."""
    return UNDEFINED if rate is None else format_percent(rate, lang)

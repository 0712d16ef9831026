"""Survey estimation for the AI Monitor, matching R's ``survey`` package (Lumley 2010).

Typical use for one wave (numpy only; NaN in ``values`` = not in the base of that item)::

    from aimonitor import stats

    design = stats.design_from_arrays(fpc=class_size, strata=size_class)  # stratified, fpc N_h
    design = stats.rake(design, [
        stats.Margin("size_class", size_class, size_class_totals),
        stats.Margin("province", province_rest, province_rest_totals),
    ])                                       # or stats.poststratify(design, margin)
    shares = stats.proportion(design, indicators, names=codes, by=province,
                              by_name="province")          # Wilson, t with domain df
    likert = stats.mean(design, items, names=item_codes)
    change = stats.differences(shares_2026, shares_2025)   # independent waves

Public names
------------
* Design: :func:`design_from_arrays` -> :class:`Design` (weights or fpc, strata, ids).
* Weighting, each returning a new design: :func:`poststratify`, :func:`rake`,
  :func:`calibrate`, with margins given as :class:`Margin`.
* Estimators: :func:`mean`, :func:`total`, :func:`proportion`, :func:`quantile`; they
  return :class:`Estimates` (labelled :class:`Estimate` rows; ``.get(variable, domain=...)``);
  :func:`design_effect` gives R's ``deff`` of means and totals.
* Intervals: :class:`ProportionMethod` (closed enum; default ``WILSON``).
* Comparisons: :func:`contrast` (``sum(c_i * est_i)``, as R's ``svycontrast``),
  :func:`difference` (two estimates, the contrast ``[1, -1]``), :func:`differences` (two
  result sets, e.g. waves), :func:`significant` (the one significance rule),
  :func:`comparison_se` (the SE a comparison uses, decision record 0005), :func:`welch_df`
  (Welch-Satterthwaite degrees of freedom), :func:`p_value` and :func:`control_fdr`
  (Benjamini-Hochberg over a family of differences; :func:`benjamini_hochberg` on raw
  p-values, as R's ``p.adjust(p, "BH")``).
* Errors: :class:`StatsError` and subclasses, all :class:`aimonitor.errors.AimonitorError`.

Conventions: ``df="domain"`` (default) uses t with the domain's PSUs minus strata, which is
R's ``degf`` of the subset; a column's NaN rows are a domain like ``svyby`` on a subset.
Degenerate cases (p = 0 or 1, df = 0) get a documented interval and an ``Estimate.note``;
see ``docs/methodology/``.
"""

from aimonitor.stats._arrays import BoolArray, FloatArray, IntArray
from aimonitor.stats.compare import (
    DfChoice,
    benjamini_hochberg,
    comparison_se,
    contrast,
    control_fdr,
    difference,
    differences,
    p_value,
    significant,
    welch_df,
)
from aimonitor.stats.design import Design, design_from_arrays
from aimonitor.stats.errors import (
    CalibrationError,
    ConvergenceError,
    DesignError,
    EstimationError,
    StatsError,
)
from aimonitor.stats.estimators import design_effect, mean, proportion, total
from aimonitor.stats.intervals import DEFAULT_PROPORTION_METHOD, ProportionMethod
from aimonitor.stats.quantiles import quantile
from aimonitor.stats.result import Estimate, Estimates, LabelledEstimate
from aimonitor.stats.weighting import Margin, calibrate, poststratify, rake

__all__ = [
    "DEFAULT_PROPORTION_METHOD",
    "BoolArray",
    "CalibrationError",
    "ConvergenceError",
    "Design",
    "DesignError",
    "DfChoice",
    "Estimate",
    "Estimates",
    "EstimationError",
    "FloatArray",
    "IntArray",
    "LabelledEstimate",
    "Margin",
    "ProportionMethod",
    "StatsError",
    "benjamini_hochberg",
    "calibrate",
    "comparison_se",
    "contrast",
    "control_fdr",
    "design_effect",
    "design_from_arrays",
    "difference",
    "differences",
    "mean",
    "p_value",
    "poststratify",
    "proportion",
    "quantile",
    "rake",
    "significant",
    "total",
    "welch_df",
]

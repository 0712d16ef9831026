"""The methodology pages keep up with the code: every base, option key, column and
weighting step a user meets is described."""

from __future__ import annotations

from aimonitor.indicators import BASES, COLUMNS
from aimonitor.paths import PROJECT_ROOT

METHODOLOGY = PROJECT_ROOT / "docs" / "methodology"
INDICATORS = (METHODOLOGY / "indicators.md").read_text(encoding="utf-8")
WEIGHTING = (METHODOLOGY / "weighting.md").read_text(encoding="utf-8")


def test_every_base_is_documented() -> None:
    assert [base for base in BASES if f"**{base}**" not in INDICATORS] == []


def test_every_option_key_form_is_documented() -> None:
    for key in (
        '"<code>"',
        '"group:<key>"',
        '"mean"',
        '"rank1:<code>"',
        '"top<N>:<code>"',
        '"any:<key>"',
    ):
        assert key in INDICATORS


def test_every_export_column_is_documented() -> None:
    assert ", ".join(COLUMNS).replace(" ", "") in INDICATORS.replace("\n", "").replace(" ", "")


def test_every_weighting_method_and_fallback_step_is_documented() -> None:
    for text in (
        '"rake"',
        '"poststratify"',
        '"none"',
        "collapsed with",
        "post-stratified by size class only",
        "no weighting, fpc only",
        "no design and no estimates",
    ):
        assert text in WEIGHTING

"""chart_svg: self-contained, deterministic SVG; bars, whiskers and dashes where suppressed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from aimonitor.report import Chart, chart_svg
from aimonitor.report.model import Bar
from aimonitor.stats import Estimate

SVG = "{http://www.w3.org/2000/svg}"


def bar(label: str, estimate: float, lower: float, upper: float, n: int) -> Bar:
    return Bar(label, Estimate(estimate, 0.02, lower, upper, None, n, "wilson"), n)


BARS = Chart(
    kind="bars",
    title="Heeft uw gemeente een visie of strategie op AI?",
    scale="proportion",
    bars=(
        bar("Ja, formeel vastgesteld", 0.20, 0.17, 0.23, 120),
        bar("In ontwikkeling", 0.54, 0.50, 0.58, 120),
        Bar("Weet niet", None, 3, suppressed=True),
    ),
)


def _bar_rectangles(svg: str) -> list[ET.Element]:
    """The bars: the patches matplotlib draws in the bar colour."""
    root = ET.fromstring(svg)
    return [
        path for path in root.iter(f"{SVG}path") if "fill: #01689b" in (path.get("style") or "")
    ]


def test_a_chart_is_an_svg_document_without_fonts_or_dates() -> None:
    svg = chart_svg(BARS, "nl")
    assert svg.startswith("<svg")
    assert "<text" not in svg  # glyphs are paths: the reader needs no fonts
    assert "<dc:date>" not in svg
    ET.fromstring(svg)


def test_the_same_chart_gives_the_same_bytes() -> None:
    assert chart_svg(BARS, "nl") == chart_svg(BARS, "nl")


def test_a_suppressed_bar_is_not_drawn() -> None:
    assert len(_bar_rectangles(chart_svg(BARS, "nl"))) == 2


def test_a_bar_with_a_value_is_drawn_for_every_shown_size_class() -> None:
    chart = Chart(
        "size_class",
        "Naar gemeentegrootte",
        "proportion",
        tuple(bar(f"klasse {i}", 0.1 * i, 0.05 * i, 0.15 * i, 20) for i in range(1, 6)),
    )
    assert len(_bar_rectangles(chart_svg(chart, "en"))) == 5


def test_a_trend_and_a_mean_chart_render() -> None:
    trend = Chart(
        "trend",
        "Door de metingen heen",
        "proportion",
        (bar("2023", 0.41, 0.37, 0.45, 200), Bar("2024", None, 2, suppressed=True)),
    )
    means = Chart(
        "bars",
        "Gemiddelde",
        "mean",
        (bar("a", 3.4, 3.1, 3.7, 100), bar("b", 2.0, 1.8, 2.2, 100)),
        axis=(1.0, 5.0),
    )
    assert ET.fromstring(chart_svg(trend, "nl")).tag == f"{SVG}svg"
    assert len(_bar_rectangles(chart_svg(means, "nl"))) == 2

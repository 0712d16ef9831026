"""The database side of the main job: read the waves, publish, write estimates and reports."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal, TextIO

from aimonitor.errors import AimonitorError
from aimonitor.indicators import EstimateTable
from aimonitor.indicators.export import write_estimates
from aimonitor.publication import Publication, publish
from aimonitor.web.fieldwork.export import get_wave, waves_until

Format = Literal["csv", "json"]


def publication_of(year: int) -> Publication:
    """Estimates of wave ``year`` with the earlier waves for change and trend."""
    get_wave(year)
    return publish(waves_until(year))


def write_wave_estimates(year: int, fmt: Format, out: Path | None, *, changes: bool) -> None:
    """Write the estimates (or the changes since the previous wave) to ``out`` or stdout."""
    publication = publication_of(year)
    table: EstimateTable = publication.table
    if changes:
        if publication.changes is None:
            raise AimonitorError(f"wave {year} has no earlier wave to compare with")
        table = publication.changes
    if out is None:
        _write(table, publication, fmt, sys.stdout)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as stream:
        _write(table, publication, fmt, stream)


def _write(table: EstimateTable, publication: Publication, fmt: Format, stream: TextIO) -> None:
    write_estimates(table, stream, fmt, questionnaire=publication.wave.questionnaire)

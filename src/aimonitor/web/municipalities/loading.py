"""Put the population frame (all frame years and the mergers) into the database, idempotently."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from aimonitor.frame import FRAME_YEARS, load_frame, load_lineage
from aimonitor.web.municipalities.models import Merger, Municipality


@dataclass(frozen=True)
class FrameLoadSummary:
    municipalities: dict[int, int]
    mergers: int


@transaction.atomic
def load_frame_into_database(data_dir: Path | None = None) -> FrameLoadSummary:
    """Create or update every frame year's municipalities and the mergers.

    All files are read and validated before anything is written, so a broken file leaves the
    database as it was.
    """
    frames = [load_frame(year, data_dir) for year in FRAME_YEARS]
    lineage = load_lineage(data_dir)
    counts: dict[int, int] = {}
    for frame in frames:
        for municipality in frame.municipalities:
            Municipality.objects.update_or_create(
                frame_year=frame.year,
                code=municipality.code,
                defaults={
                    "name": municipality.name,
                    "province": municipality.province,
                    "inhabitants": municipality.inhabitants,
                    "size_class": municipality.size_class.code,
                },
            )
        counts[frame.year] = len(frame)
    for merger in lineage.mergers:
        Merger.objects.update_or_create(
            old_code=merger.old_code,
            year_effective=merger.year_effective,
            defaults={
                "old_name": merger.old_name,
                "new_code": merger.new_code,
                "new_name": merger.new_name,
            },
        )
    return FrameLoadSummary(municipalities=counts, mergers=len(lineage.mergers))

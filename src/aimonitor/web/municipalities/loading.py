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
    fields = ("name", "province", "inhabitants", "size_class")
    for frame in frames:
        stored = {m.code: m for m in Municipality.objects.filter(frame_year=frame.year)}
        new, changed = [], []
        for municipality in frame.municipalities:
            values = {
                "name": municipality.name,
                "province": municipality.province,
                "inhabitants": municipality.inhabitants,
                "size_class": municipality.size_class.code,
            }
            row = stored.get(municipality.code)
            if row is None:
                new.append(Municipality(frame_year=frame.year, code=municipality.code, **values))
            elif any(getattr(row, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(row, name, value)
                changed.append(row)
        # in bulk: one statement per frame instead of two per municipality
        Municipality.objects.bulk_create(new)
        Municipality.objects.bulk_update(changed, fields)
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

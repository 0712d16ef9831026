"""The shipped frame files are the ones whose checksums PROVENANCE.md records."""

from __future__ import annotations

import hashlib
import re

from aimonitor.paths import PROJECT_ROOT

FRAME_DIR = PROJECT_ROOT / "data" / "frame"


def recorded_checksums() -> dict[str, str]:
    text = (FRAME_DIR / "PROVENANCE.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\| `([^`]+)` \| `([0-9a-f]{64})` \|$", text, flags=re.MULTILINE))


def test_provenance_records_a_checksum_for_every_shipped_data_file() -> None:
    shipped = {
        str(path.relative_to(FRAME_DIR))
        for path in FRAME_DIR.rglob("*")
        if path.is_file() and path.name != "PROVENANCE.md"
    }
    assert set(recorded_checksums()) == shipped


def test_every_shipped_data_file_matches_its_recorded_checksum() -> None:
    for name, checksum in recorded_checksums().items():
        assert hashlib.sha256((FRAME_DIR / name).read_bytes()).hexdigest() == checksum, name

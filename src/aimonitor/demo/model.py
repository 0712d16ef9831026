"""What the demo generator produces: plain records, no database."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

ResponseStatus = Literal["not_started", "in_progress", "submitted"]
WaveStatus = Literal["draft", "open", "closed", "published"]


@dataclass(frozen=True)
class DemoResponse:
    """One municipality's synthetic response: its status and its answers by variable."""

    code: str
    status: ResponseStatus
    answers: Mapping[str, object]
    synthetic: bool = True


@dataclass(frozen=True)
class DemoWave:
    """A synthetic wave: every municipality of the frame, with or without answers."""

    year: int
    frame_year: int
    status: WaveStatus
    responses: tuple[DemoResponse, ...]
    seed: int
    synthetic: bool = True

    def submitted(self) -> tuple[DemoResponse, ...]:
        return tuple(r for r in self.responses if r.status == "submitted")

"""A wave's data as the core sees it: the questionnaire and the submitted answers.

The web front end builds a :class:`WaveData` from the database; tests and scripts build one
directly. Nothing here knows about storage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from aimonitor.questionnaire import Questionnaire


@dataclass(frozen=True)
class Respondent:
    """One municipality's submitted answers, keyed by variable name."""

    code: str
    """CBS code in the wave's frame year, e.g. ``GM0363``."""
    answers: Mapping[str, object]


@dataclass(frozen=True)
class WaveData:
    """Everything needed to estimate a wave."""

    year: int
    frame_year: int
    questionnaire: Questionnaire
    respondents: tuple[Respondent, ...]
    """Submitted responses only; unfinished ones are non-response."""
    synthetic: bool = False
    frame_sha256: str | None = None
    """The fingerprint (:attr:`aimonitor.frame.Frame.sha256`) of the frame the wave was opened
    with; estimation refuses a frame that differs. ``None``: not recorded (a draft, a test)."""

"""Who responds in a synthetic wave: non-response is more common among small municipalities."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from aimonitor.demo.model import ResponseStatus

RESPONSE_PROPENSITY: Mapping[str, float] = {
    "lt20k": 0.52,
    "20k-50k": 0.63,
    "50k-100k": 0.72,
    "100k-250k": 0.82,
    "ge250k": 0.92,
}
"""Chance to submit, by size class; overall about 64% (non-response about 36%)."""

STARTED_SHARE = 0.3
"""Of the municipalities that do not submit, this share started and left it in progress."""


def response_status(size_class: str, rng: np.random.Generator) -> ResponseStatus:
    if rng.random() < RESPONSE_PROPENSITY[size_class]:
        return "submitted"
    return "in_progress" if rng.random() < STARTED_SHARE else "not_started"

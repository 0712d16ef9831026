"""What a personal link is for: the registry of link purposes.

A purpose says which role its holder gets in the municipality and what they may do. Part 2
of the fieldwork (the research team's mass invitations and reminders) adds its purposes
here rather than branching on names elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from aimonitor.web.accounts.models import Membership

BENCHMARK_LINK_DAYS = 90


@dataclass(frozen=True)
class LinkPurpose:
    name: str
    role: Membership.Role
    all_themes: bool
    """Answers every theme (else only the themes the link names)."""
    may_invite: bool
    may_submit: bool
    answers: bool = True
    """Opens the questionnaire (else it opens only :attr:`landing`)."""
    wave_statuses: frozenset[str] = frozenset({"open"})
    """The states of its wave in which the link works."""
    valid_days: int | None = None
    """How long the link works from its issue; ``None``: until the wave's closing day."""
    landing: str = "survey:overview"
    """Where opening the link leads (a URL name taking the year and the municipality code)."""


LINK_PURPOSES: Mapping[str, LinkPurpose] = MappingProxyType(
    {
        "coordinator": LinkPurpose(
            "coordinator",
            Membership.Role.COORDINATOR,
            all_themes=True,
            may_invite=True,
            may_submit=True,
        ),
        "contributor": LinkPurpose(
            "contributor",
            Membership.Role.CONTRIBUTOR,
            all_themes=False,
            may_invite=False,
            may_submit=False,
        ),
        # After the fieldwork: the municipality's own benchmark, sent to its coordinator when
        # the wave is closed (under embargo) or published; it opens nothing else.
        "benchmark": LinkPurpose(
            "benchmark",
            Membership.Role.CONTRIBUTOR,
            all_themes=False,
            may_invite=False,
            may_submit=False,
            answers=False,
            wave_statuses=frozenset({"closed", "published"}),
            valid_days=BENCHMARK_LINK_DAYS,
            landing="survey:benchmark",
        ),
    }
)


ANSWERING_PURPOSES = frozenset(name for name, kind in LINK_PURPOSES.items() if kind.answers)
"""The purposes whose links open the questionnaire (the fieldwork's links)."""


def link_purpose(name: str) -> LinkPurpose:
    """The purpose called ``name``; :class:`KeyError` if there is none."""
    return LINK_PURPOSES[name]

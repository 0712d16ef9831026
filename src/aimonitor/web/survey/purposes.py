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


@dataclass(frozen=True)
class LinkPurpose:
    name: str
    role: Membership.Role
    all_themes: bool
    """Answers every theme (else only the themes the link names)."""
    may_invite: bool
    may_submit: bool


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
    }
)


def link_purpose(name: str) -> LinkPurpose:
    """The purpose called ``name``; :class:`KeyError` if there is none."""
    return LINK_PURPOSES[name]

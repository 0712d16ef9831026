"""Shared organisations in the demo waves: one response given for several municipalities.

Several small neighbouring municipalities have one civil service, a *werkorganisatie* or
*ambtelijke fusie*; a monitor like this one gets one answer from it for all of them (A4 =
yes, A4a = the other municipalities). The organisations below exist and their members are
public facts (each organisation's and municipality's own website, 2024); what they answer in
the demo is synthetic like every other demo answer.

In each wave an organisation answers jointly with chance :data:`JOINT_ANSWER`: its largest
member (the lead) answers for the others, who then do not answer themselves. Otherwise each
member answers, or not, on its own like any other municipality.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from aimonitor.frame import Frame, municipality_number


@dataclass(frozen=True)
class SharedOrganisation:
    """A shared civil service and the CBS codes of the municipalities it works for."""

    name: str
    members: tuple[str, ...]


SHARED_ORGANISATIONS: tuple[SharedOrganisation, ...] = (
    # Stede Broec, Enkhuizen, Drechterland
    SharedOrganisation("SED-organisatie", ("GM0532", "GM0388", "GM0498")),
    # Hillegom, Lisse, Teylingen
    SharedOrganisation("HLTsamen", ("GM0534", "GM0553", "GM1525")),
    # Voorschoten, Wassenaar
    SharedOrganisation("Werkorganisatie Duivenvoorde", ("GM0626", "GM0629")),
    # Alphen-Chaam, Baarle-Nassau, Gilze en Rijen
    SharedOrganisation("ABG-organisatie", ("GM1723", "GM0744", "GM0784")),
    # Dinkelland, Tubbergen
    SharedOrganisation("Noaberkracht Dinkelland Tubbergen", ("GM1774", "GM0183")),
    # Oostzaan, Wormerland
    SharedOrganisation("Werkorganisatie Oostzaan Wormerland", ("GM0431", "GM0880")),
    # De Wolden, Hoogeveen
    SharedOrganisation("Samenwerkingsorganisatie De Wolden Hoogeveen", ("GM1690", "GM0118")),
)
"""Shared organisations of municipalities that exist in every demo frame (2023-2025)."""

JOINT_ANSWER = 0.8
"""The chance that a shared organisation answers once for all its members in a wave."""


@dataclass(frozen=True)
class SharedRole:
    """A municipality's part in a joint answer of its shared organisation in one wave."""

    lead: str
    """The member that answers (the largest by inhabitants)."""
    covers: tuple[int, ...] = ()
    """For the lead: the CBS numbers of the other members it answers for (A4a)."""


def joint_answers(
    frame: Frame,
    seed: int,
    year: int,
    organisations: tuple[SharedOrganisation, ...] = SHARED_ORGANISATIONS,
) -> dict[str, SharedRole]:
    """Each member of an organisation that answers jointly in wave ``year``, by code.

    The lead's role lists the members it covers; a covered member's role names its lead.
    """
    roles: dict[str, SharedRole] = {}
    for organisation in organisations:
        members = [frame.by_code(code) for code in organisation.members]
        rng = np.random.default_rng([seed, year, zlib.crc32(organisation.name.encode())])
        if rng.random() >= JOINT_ANSWER:
            continue
        lead = max(members, key=lambda m: (m.inhabitants, m.code))
        others = sorted(municipality_number(m.code) for m in members if m is not lead)
        roles[lead.code] = SharedRole(lead.code, tuple(others))
        for member in members:
            if member is not lead:
                roles[member.code] = SharedRole(lead.code)
    return roles


def is_covered(code: str, roles: Mapping[str, SharedRole]) -> bool:
    """Whether ``code`` is answered for by another member of its organisation."""
    role = roles.get(code)
    return role is not None and role.lead != code

"""The twelve Dutch provinces, spelled and ordered as CBS does."""

from __future__ import annotations

PROVINCES: tuple[str, ...] = (
    "Groningen",
    "Fryslân",
    "Drenthe",
    "Overijssel",
    "Flevoland",
    "Gelderland",
    "Utrecht",
    "Noord-Holland",
    "Zuid-Holland",
    "Zeeland",
    "Noord-Brabant",
    "Limburg",
)
"""CBS ``Provincienaam`` values in CBS province code order (PV20 Groningen ... PV31 Limburg).

Tables and charts list provinces in this order. Friesland is spelled ``Fryslân``, its
official name and the spelling CBS uses.
"""

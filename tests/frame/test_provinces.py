"""Provinces: the twelve CBS province names in CBS province code order."""

from __future__ import annotations

from aimonitor.frame import PROVINCES, load_frame


def test_the_twelve_provinces_are_in_cbs_code_order() -> None:
    assert PROVINCES == (
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


def test_every_province_has_municipalities_in_the_frame() -> None:
    provinces = {m.province for m in load_frame(2025).municipalities}
    assert provinces == set(PROVINCES)

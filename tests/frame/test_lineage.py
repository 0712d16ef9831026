"""Merger lineage: following municipalities across waves through herindelingen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from aimonitor.frame import FRAME_YEARS, FrameError, Lineage, Merger, load_frame, load_lineage

WriteFile = Callable[[str, list[str]], Path]

HEADER = "year_effective,old_code,old_name,new_code,new_name"

# The 14 mergers of the shared README: (year, old code, old name, new code, new name).
README_MERGERS = [
    (2022, "GM0398", "Heerhugowaard", "GM1980", "Dijk en Waard"),
    (2022, "GM0416", "Langedijk", "GM1980", "Dijk en Waard"),
    (2022, "GM1685", "Landerd", "GM1991", "Maashorst"),
    (2022, "GM0856", "Uden", "GM1991", "Maashorst"),
    (2022, "GM0756", "Boxmeer", "GM1982", "Land van Cuijk"),
    (2022, "GM1684", "Cuijk", "GM1982", "Land van Cuijk"),
    (2022, "GM0786", "Grave", "GM1982", "Land van Cuijk"),
    (2022, "GM0815", "Mill en Sint Hubert", "GM1982", "Land van Cuijk"),
    (2022, "GM1702", "Sint Anthonis", "GM1982", "Land van Cuijk"),
    (2022, "GM0370", "Beemster", "GM0439", "Purmerend"),
    (2022, "GM0457", "Weesp", "GM0363", "Amsterdam"),
    (2023, "GM0501", "Brielle", "GM1992", "Voorne aan Zee"),
    (2023, "GM0530", "Hellevoetsluis", "GM1992", "Voorne aan Zee"),
    (2023, "GM0614", "Westvoorne", "GM1992", "Voorne aan Zee"),
]


def test_the_shipped_lineage_has_the_14_mergers_of_2022_and_2023() -> None:
    mergers = load_lineage().mergers
    assert len(mergers) == 14
    assert sorted(mergers, key=lambda m: m.old_code) == sorted(
        (Merger(*row) for row in README_MERGERS), key=lambda m: m.old_code
    )


def test_weesp_joined_amsterdam_in_2022() -> None:
    assert Merger(2022, "GM0457", "Weesp", "GM0363", "Amsterdam") in load_lineage().mergers


def test_brielle_joined_voorne_aan_zee_in_2023() -> None:
    assert Merger(2023, "GM0501", "Brielle", "GM1992", "Voorne aan Zee") in load_lineage().mergers


def test_heerhugowaard_is_part_of_dijk_en_waard_in_2024() -> None:
    assert load_lineage().successor("GM0398", 2024) == "GM1980"


def test_brielle_still_exists_before_its_merger_year() -> None:
    lineage = load_lineage()
    assert lineage.successor("GM0501", 2022) == "GM0501"
    assert lineage.successor("GM0501", 2023) == "GM1992"


def test_a_municipality_that_never_merged_is_its_own_successor() -> None:
    assert load_lineage().successor("GM0344", 2025) == "GM0344"  # Utrecht


def test_amsterdam_absorbed_weesp() -> None:
    assert load_lineage().predecessors("GM0363", 2024) == ("GM0457",)


def test_land_van_cuijk_has_five_predecessors() -> None:
    assert load_lineage().predecessors("GM1982", 2023) == (
        "GM0756",
        "GM0786",
        "GM0815",
        "GM1684",
        "GM1702",
    )


def test_voorne_aan_zee_has_no_predecessors_before_it_was_formed() -> None:
    lineage = load_lineage()
    assert lineage.predecessors("GM1992", 2022) == ()
    assert lineage.predecessors("GM1992", 2023) == ("GM0501", "GM0530", "GM0614")


@pytest.mark.parametrize("year", FRAME_YEARS)
def test_every_merged_territory_lies_in_a_municipality_of_the_frame(year: int) -> None:
    frame = load_frame(year)
    lineage = load_lineage()
    codes = {m.code for m in frame.municipalities}
    for merger in lineage.mergers:
        assert merger.old_code not in codes
        assert lineage.successor(merger.old_code, year) in codes


def test_chains_of_mergers_are_followed(write_file: WriteFile, data_dir: Path) -> None:
    write_file(
        "changes.csv",
        [HEADER, "2022,GM0001,Oud,GM0002,Midden", "2024,GM0002,Midden,GM0003,Nieuw"],
    )
    lineage = load_lineage(data_dir)
    assert lineage.successor("GM0001", 2023) == "GM0002"
    assert lineage.successor("GM0001", 2024) == "GM0003"
    assert lineage.predecessors("GM0003", 2024) == ("GM0001", "GM0002")
    assert lineage.predecessors("GM0002", 2023) == ("GM0001",)


def test_a_malformed_code_is_refused_in_a_look_up() -> None:
    with pytest.raises(FrameError, match="'0398' is not a municipality code"):
        load_lineage().successor("0398", 2024)


# Bad input in changes.csv: one line naming the file (and line).


def lineage_error(data_dir: Path) -> str:
    with pytest.raises(FrameError) as raised:
        load_lineage(data_dir)
    message = str(raised.value)
    assert "\n" not in message
    return message


def test_a_missing_changes_file_is_named(data_dir: Path) -> None:
    assert lineage_error(data_dir) == f"{data_dir / 'frame' / 'changes.csv'}: file not found"


def test_a_missing_column_is_named(write_file: WriteFile, data_dir: Path) -> None:
    path = write_file("changes.csv", ["year_effective,old_code,new_code", "2022,GM0001,GM0002"])
    assert lineage_error(data_dir).startswith(f"{path}: missing column(s) old_name, new_name;")


def test_a_year_that_is_not_a_number_is_refused(write_file: WriteFile, data_dir: Path) -> None:
    path = write_file("changes.csv", [HEADER, "2022-03-24,GM0457,Weesp,GM0363,Amsterdam"])
    assert lineage_error(data_dir) == (
        f"{path}, line 2: year_effective '2022-03-24' is not a whole number"
    )


def test_a_malformed_code_is_refused(write_file: WriteFile, data_dir: Path) -> None:
    path = write_file("changes.csv", [HEADER, "2022,GM0457,Weesp,GM363,Amsterdam"])
    assert lineage_error(data_dir) == (
        f"{path}, line 2: new_code 'GM363' is not a municipality code (GM followed by 4 digits)"
    )


def test_a_municipality_merged_twice_is_refused(write_file: WriteFile, data_dir: Path) -> None:
    path = write_file(
        "changes.csv",
        [HEADER, "2022,GM0457,Weesp,GM0363,Amsterdam", "2023,GM0457,Weesp,GM0406,Huizen"],
    )
    assert lineage_error(data_dir) == (
        f"{path}, line 3: GM0457 is merged more than once (also on line 2)"
    )


def test_a_merger_into_itself_is_refused(write_file: WriteFile, data_dir: Path) -> None:
    path = write_file("changes.csv", [HEADER, "2022,GM0363,Amsterdam,GM0363,Amsterdam"])
    assert lineage_error(data_dir) == f"{path}, line 2: GM0363 is merged into itself"


def test_a_cycle_of_mergers_is_refused(write_file: WriteFile, data_dir: Path) -> None:
    path = write_file("changes.csv", [HEADER, "2022,GM0001,A,GM0002,B", "2022,GM0002,B,GM0001,A"])
    assert lineage_error(data_dir) == (f"{path}: mergers form a cycle: GM0001 → GM0002 → GM0001")


def test_a_lineage_built_in_code_refuses_a_double_merger() -> None:
    weesp = Merger(2022, "GM0457", "Weesp", "GM0363", "Amsterdam")
    with pytest.raises(FrameError, match="GM0457 is merged more than once"):
        Lineage((weesp, weesp))

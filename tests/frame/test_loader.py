"""Loading a year's frame: the shipped data as CBS publishes it, and clear errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from aimonitor.errors import AimonitorError
from aimonitor.frame import FRAME_YEARS, PROVINCES, FrameError, load_frame

WriteFile = Callable[[str, list[str]], Path]
ShippedLines = Callable[[str], list[str]]

# Municipalities per province, the same in 2023, 2024 and 2025 (shared README, CBS 70072ned).
MUNICIPALITIES_PER_PROVINCE = {
    "Groningen": 10,
    "Fryslân": 18,
    "Drenthe": 12,
    "Overijssel": 25,
    "Flevoland": 6,
    "Gelderland": 51,
    "Utrecht": 26,
    "Noord-Holland": 44,
    "Zuid-Holland": 50,
    "Zeeland": 13,
    "Noord-Brabant": 56,
    "Limburg": 31,
}

# Sum of inhabitants over the 342 municipalities (shared README, "National population totals").
NATIONAL_SUMS = {2023: 17_811_291, 2024: 17_942_942, 2025: 18_044_027}

# Inhabitants per province (shared README: the 2024 KWB column and the 2023/2025 province sums).
PROVINCE_SUMS = {
    2023: {
        "Groningen": 596_075,
        "Fryslân": 659_551,
        "Drenthe": 502_051,
        "Overijssel": 1_184_333,
        "Flevoland": 444_701,
        "Gelderland": 2_133_708,
        "Utrecht": 1_387_643,
        "Noord-Holland": 2_952_622,
        "Zuid-Holland": 3_804_906,
        "Zeeland": 391_124,
        "Noord-Brabant": 2_626_210,
        "Limburg": 1_128_367,
    },
    2024: {
        "Groningen": 601_347,
        "Fryslân": 661_904,
        "Drenthe": 504_129,
        "Overijssel": 1_189_033,
        "Flevoland": 450_826,
        "Gelderland": 2_149_071,
        "Utrecht": 1_400_057,
        "Noord-Holland": 2_976_487,
        "Zuid-Holland": 3_840_460,
        "Zeeland": 391_634,
        "Noord-Brabant": 2_644_739,
        "Limburg": 1_133_255,
    },
    2025: {
        "Groningen": 602_833,
        "Fryslân": 664_222,
        "Drenthe": 506_529,
        "Overijssel": 1_195_789,
        "Flevoland": 456_395,
        "Gelderland": 2_161_358,
        "Utrecht": 1_409_144,
        "Noord-Holland": 2_992_016,
        "Zuid-Holland": 3_863_397,
        "Zeeland": 392_969,
        "Noord-Brabant": 2_664_047,
        "Limburg": 1_135_328,
    },
}


def test_the_frame_years_are_2023_to_2025() -> None:
    assert FRAME_YEARS == (2023, 2024, 2025)


@pytest.mark.parametrize("year", FRAME_YEARS)
def test_each_year_has_342_municipalities(year: int) -> None:
    frame = load_frame(year)
    assert frame.year == year
    assert len(frame) == 342
    assert len({m.code for m in frame.municipalities}) == 342


@pytest.mark.parametrize("year", FRAME_YEARS)
def test_municipalities_per_province_match_cbs(year: int) -> None:
    assert load_frame(year).province_counts() == MUNICIPALITIES_PER_PROVINCE


@pytest.mark.parametrize("year", FRAME_YEARS)
def test_inhabitants_add_up_to_the_national_total(year: int) -> None:
    frame = load_frame(year)
    assert sum(m.inhabitants for m in frame.municipalities) == NATIONAL_SUMS[year]


@pytest.mark.parametrize("year", FRAME_YEARS)
def test_inhabitants_add_up_to_the_province_totals(year: int) -> None:
    frame = load_frame(year)
    sums = dict.fromkeys(PROVINCES, 0)
    for municipality in frame.municipalities:
        sums[municipality.province] += municipality.inhabitants
    assert sums == PROVINCE_SUMS[year]


def test_amsterdam_has_its_published_population() -> None:
    assert load_frame(2023).by_code("GM0363").inhabitants == 918_117
    assert load_frame(2024).by_code("GM0363").inhabitants == 931_298


def test_almere_2024_uses_the_kwb_figure() -> None:
    almere = load_frame(2024).by_code("GM0034")
    assert (almere.name, almere.province, almere.inhabitants) == ("Almere", "Flevoland", 226_500)


def test_names_keep_the_cbs_spelling() -> None:
    names = {m.name for m in load_frame(2025).municipalities}
    assert {"Súdwest-Fryslân", "Noardeast-Fryslân", "Bergen (L.)", "Bergen (NH.)"} <= names
    assert load_frame(2025).by_code("GM0518").name == "'s-Gravenhage"


def test_codes_names_and_provinces_are_the_same_in_every_year() -> None:
    def identities(year: int) -> list[tuple[str, str, str]]:
        return [(m.code, m.name, m.province) for m in load_frame(year).municipalities]

    assert identities(2023) == identities(2024) == identities(2025)


def test_municipalities_are_sorted_by_code() -> None:
    codes = [m.code for m in load_frame(2024).municipalities]
    assert codes == sorted(codes)
    assert codes[0] == "GM0014"


def test_each_municipality_carries_the_size_class_of_its_inhabitants() -> None:
    for municipality in load_frame(2023).municipalities:
        size_class = municipality.size_class
        assert size_class.lower <= municipality.inhabitants
        assert size_class.upper is None or municipality.inhabitants < size_class.upper


@pytest.fixture
def lines_2024(shipped_lines: ShippedLines) -> list[str]:
    """The shipped 2024 frame file as lines, to edit before writing it to ``data_dir``."""
    return shipped_lines("municipalities_2024.csv")


@pytest.fixture
def write_2024(write_file: WriteFile) -> Callable[[list[str]], Path]:
    def write(lines: list[str]) -> Path:
        return write_file("municipalities_2024.csv", lines)

    return write


def test_it_reads_from_the_data_dir_it_is_given(
    lines_2024: list[str], write_2024: Callable[[list[str]], Path], data_dir: Path
) -> None:
    lines_2024[1] = "GM0014,Grunn,Groningen,238147"
    write_2024(lines_2024)
    assert load_frame(2024, data_dir).by_code("GM0014").name == "Grunn"


def test_by_default_it_reads_from_the_configured_data_dir(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    monkeypatch.setenv("AIMONITOR_DATA_DIR", str(data_dir))
    with pytest.raises(FrameError, match="file not found") as raised:
        load_frame(2024)
    assert str(data_dir) in str(raised.value)


# Bad input: each case gives one line that names the file (and line) and what is wrong.


def load_error(data_dir: Path) -> str:
    with pytest.raises(FrameError) as raised:
        load_frame(2024, data_dir)
    message = str(raised.value)
    assert "\n" not in message
    return message


def test_a_frame_error_is_an_error_the_cli_reports_without_traceback() -> None:
    assert issubclass(FrameError, AimonitorError)


def test_a_year_without_a_frame_is_refused(data_dir: Path) -> None:
    with pytest.raises(FrameError, match="no population frame for 2022; frames exist for 2023"):
        load_frame(2022, data_dir)


def test_a_missing_file_is_named(data_dir: Path) -> None:
    path = data_dir / "frame" / "municipalities_2024.csv"
    assert load_error(data_dir) == f"{path}: file not found"


def test_a_missing_column_is_named(
    lines_2024: list[str], write_2024: Callable[[list[str]], Path], data_dir: Path
) -> None:
    path = write_2024([line.rsplit(",", 1)[0] for line in lines_2024])
    assert load_error(data_dir) == (
        f"{path}: missing column(s) inhabitants; the header is code,name,province"
    )


def test_an_empty_file_is_refused(write_2024: Callable[[list[str]], Path], data_dir: Path) -> None:
    path = write_2024([])
    assert load_error(data_dir) == f"{path}: file is empty, expected a header row"


def test_a_duplicate_code_names_both_lines(
    lines_2024: list[str], write_2024: Callable[[list[str]], Path], data_dir: Path
) -> None:
    lines_2024[2] = lines_2024[1]
    path = write_2024(lines_2024)
    assert load_error(data_dir) == f"{path}, line 3: duplicate code GM0014 (also on line 2)"


@pytest.mark.parametrize("value", ["", "abc", "12.5", "1e5", "12 345"])
def test_inhabitants_that_are_not_a_whole_number_are_refused(
    lines_2024: list[str], write_2024: Callable[[list[str]], Path], data_dir: Path, value: str
) -> None:
    lines_2024[1] = f"GM0014,Groningen,Groningen,{value}"
    path = write_2024(lines_2024)
    assert load_error(data_dir) == f"{path}, line 2: inhabitants {value!r} is not a whole number"


def test_zero_inhabitants_are_refused(
    lines_2024: list[str], write_2024: Callable[[list[str]], Path], data_dir: Path
) -> None:
    lines_2024[1] = "GM0014,Groningen,Groningen,0"
    path = write_2024(lines_2024)
    assert load_error(data_dir) == f"{path}, line 2: inhabitants of GM0014 must be positive, got 0"


def test_an_unknown_province_is_named(
    lines_2024: list[str], write_2024: Callable[[list[str]], Path], data_dir: Path
) -> None:
    lines_2024[1] = "GM0014,Groningen,Stad,238147"
    path = write_2024(lines_2024)
    assert load_error(data_dir).startswith(
        f"{path}, line 2: unknown province 'Stad' for GM0014; expected one of Groningen, Fryslân"
    )


def test_friesland_must_be_spelled_as_cbs_does(
    lines_2024: list[str], write_2024: Callable[[list[str]], Path], data_dir: Path
) -> None:
    write_2024([line.replace(",Fryslân,", ",Friesland,") for line in lines_2024])
    assert "unknown province 'Friesland'" in load_error(data_dir)


def test_a_malformed_code_is_refused(
    lines_2024: list[str], write_2024: Callable[[list[str]], Path], data_dir: Path
) -> None:
    lines_2024[1] = "0014,Groningen,Groningen,238147"
    path = write_2024(lines_2024)
    assert load_error(data_dir) == (
        f"{path}, line 2: code '0014' is not a municipality code (GM followed by 4 digits)"
    )


def test_an_empty_name_is_refused(
    lines_2024: list[str], write_2024: Callable[[list[str]], Path], data_dir: Path
) -> None:
    lines_2024[1] = "GM0014,,Groningen,238147"
    path = write_2024(lines_2024)
    assert load_error(data_dir) == f"{path}, line 2: empty name for GM0014"


def test_a_row_with_too_few_fields_is_refused(
    lines_2024: list[str], write_2024: Callable[[list[str]], Path], data_dir: Path
) -> None:
    lines_2024[1] = "GM0014,Groningen,238147"
    path = write_2024(lines_2024)
    assert load_error(data_dir) == (
        f"{path}, line 2: 3 fields, expected 4 (code,name,province,inhabitants)"
    )


def test_a_count_other_than_342_is_refused(
    lines_2024: list[str], write_2024: Callable[[list[str]], Path], data_dir: Path
) -> None:
    path = write_2024(lines_2024[:-1])
    assert load_error(data_dir) == f"{path}: 341 municipalities, expected 342 for 2024"


def test_a_file_that_is_not_utf8_is_refused(data_dir: Path) -> None:
    path = data_dir / "frame" / "municipalities_2024.csv"
    path.write_bytes("code,name,province,inhabitants\nGM1900,Súdwest-Fryslân\n".encode("cp1252"))
    assert load_error(data_dir).startswith(f"{path}: not UTF-8 text")


def test_a_file_saved_with_a_byte_order_mark_is_read(
    lines_2024: list[str], write_2024: Callable[[list[str]], Path], data_dir: Path
) -> None:
    path = write_2024(lines_2024)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(load_frame(2024, data_dir)) == 342


def test_an_unbalanced_quote_is_reported_where_it_starts(
    lines_2024: list[str], write_2024: Callable[[list[str]], Path], data_dir: Path
) -> None:
    lines_2024[1] = 'GM0014,"Groningen,Groningen,238147'
    path = write_2024(lines_2024)
    assert load_error(data_dir).startswith(f"{path}, line 2: a quoted field runs on to line ")

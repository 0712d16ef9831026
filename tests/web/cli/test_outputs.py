import csv

import pytest

from aimonitor.web.cli import main
from aimonitor.web.fieldwork.consent import record_naming_consent
from aimonitor.web.fieldwork.models import MunicipalResponse
from aimonitor.web.municipalities.models import Municipality
from aimonitor.web.waves.models import Wave

pytestmark = pytest.mark.django_db


def test_the_report_command_refuses_an_unknown_wave_or_language_in_one_line(demo, capsys):
    assert main(["report", "--wave", "2031", "--lang", "nl"]) == 2
    assert capsys.readouterr().err == (
        "aimonitor: error: unknown wave 2031; known waves: 2023, 2024, 2025\n"
    )
    assert main(["report", "--wave", "2024", "--lang", "fr"]) == 2
    assert "unknown language 'fr'" in capsys.readouterr().err


def test_the_estimates_command_writes_csv_with_the_synthetic_notice(demo, capsys, tmp_path):
    out = tmp_path / "estimates.csv"
    assert main(["estimates", "--wave", "2024", "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert "Synthetische demonstratiedata" in lines[0]
    assert lines[1].startswith("variable,option,domain,estimate,ci_lower,ci_upper,n,method")
    assert any(line.startswith("B1,group:working_on,all,") for line in lines)


def test_writing_estimates_to_a_folder_is_one_clear_line_and_keeps_the_old_export(
    demo, capsys, tmp_path
):
    old = tmp_path / "estimates.csv"
    old.write_text("the previous export\n", encoding="utf-8")
    assert main(["estimates", "--wave", "2024", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith(
        f"aimonitor: error: cannot write the estimates to {tmp_path}: "
    )
    assert old.read_text(encoding="utf-8") == "the previous export\n"


EXPORTED = {
    "csv": ["codebook.csv", "estimates.csv", "microdata.csv"],
    "parquet": ["estimates.csv", "microdata.parquet"],
    "sav": ["estimates.csv", "microdata.sav"],
    "ddi": ["codebook.xml", "estimates.csv"],
}


def test_the_export_command_writes_the_open_data_of_a_published_wave(demo, capsys, tmp_path):
    for fmt, files in EXPORTED.items():
        out = tmp_path / fmt
        assert main(["export", "--wave", "2024", "--format", fmt, "--out", str(out)]) == 0
        assert sorted(p.name for p in out.iterdir()) == files
        assert capsys.readouterr().out.count("written: ") == len(files)


def test_the_export_of_a_wave_under_embargo_is_refused_in_one_line(demo, capsys, tmp_path):
    """Demo wave 2025 is closed, not published."""
    assert main(["export", "--wave", "2025", "--format", "csv", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        "aimonitor: error: wave 2025 is not published: its open data are under embargo "
        "(add --unpublished to check them before publishing)\n"
    )
    assert list(tmp_path.iterdir()) == []
    args = ["export", "--wave", "2025", "--format", "csv", "--out", str(tmp_path), "--unpublished"]
    assert main(args) == 0
    assert (tmp_path / "microdata.csv").exists()


def test_the_export_command_refuses_an_unknown_wave_or_format(demo, capsys, tmp_path):
    assert main(["export", "--wave", "2031", "--format", "csv", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith("aimonitor: error: unknown wave 2031;")
    with pytest.raises(SystemExit) as refused:
        main(["export", "--wave", "2024", "--format", "xlsx", "--out", str(tmp_path)])
    assert refused.value.code == 2
    assert "invalid choice: 'xlsx'" in capsys.readouterr().err


def test_an_export_to_a_full_disk_is_one_line_and_keeps_the_earlier_files(demo, capsys, tiny_disk):
    """The 512 KiB disk cannot hold the microdata; an earlier export stays as it was."""
    out = tiny_disk / "open-data"
    out.mkdir()
    before = {"microdata.csv": b"earlier,export\n", "codebook.csv": b"variable\n"}
    for name, content in before.items():
        (out / name).write_bytes(content)
    assert main(["export", "--wave", "2024", "--format", "csv", "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"aimonitor: error: cannot write the open data to {out}: the disk is full\n"
    )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_the_export_names_a_municipality_only_after_its_coordinator_consented(
    demo, capsys, tmp_path
):
    wave = Wave.objects.get(year=2024)
    responding = sorted(
        MunicipalResponse.objects.filter(wave=wave, status="submitted").values_list(
            "municipality__code", "municipality__name"
        )
    )
    (code, name), (other, _) = responding[0], responding[1]
    municipality = Municipality.objects.get(frame_year=wave.frame_year, code=code)
    record_naming_consent(wave, municipality, named=True, by=None)
    no_longer = Municipality.objects.get(frame_year=wave.frame_year, code=other)
    record_naming_consent(wave, no_longer, named=True, by=None)
    record_naming_consent(wave, no_longer, named=False, by=None)
    assert main(["export", "--wave", "2024", "--format", "csv", "--out", str(tmp_path)]) == 0
    with (tmp_path / "microdata.csv").open(encoding="utf-8", newline="") as stream:
        table = list(csv.DictReader(stream))
    named = [(row["gemeentecode"], row["gemeentenaam"]) for row in table if row["gemeentecode"]]
    assert named == [(code, name)]

import pytest

from aimonitor.web.cli import main

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

import pytest

from aimonitor.web.cli import main
from aimonitor.web.fieldwork.demo import store_demo_waves
from aimonitor.web.municipalities.loading import load_frame_into_database
from aimonitor.web.publishing import build_wave_report, report_dir

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.REPORTS_DIR = tmp_path / "reports"
    load_frame_into_database()
    store_demo_waves(seed=2024)


def test_the_report_of_a_wave_is_built_from_the_database_and_says_it_is_synthetic(demo, tmp_path):
    files = build_wave_report(2024, "nl", tmp_path / "out", pdf=False)
    html = files.html.read_text(encoding="utf-8")
    assert files.pdf is None
    assert "Synthetische demonstratiedata" in html
    assert "Kernbevindingen" in html
    assert "werkt aan een AI-visie of -strategie" in html
    assert "2023" in html  # the change since the previous wave


def test_the_web_app_serves_a_built_report_and_links_it_from_the_start_page(demo, client):
    build_wave_report(2024, "en", report_dir(2024, "en"), pdf=False)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="/rapport/2024/en/"' in page
    response = client.get("/rapport/2024/en/")
    assert response.status_code == 200
    assert b"Synthetic demonstration data" in b"".join(response.streaming_content)
    assert client.get("/rapport/2024/nl/").status_code == 404
    assert client.get("/rapport/2024/en/secrets.txt").status_code == 404


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


def test_regenerating_the_demo_waves_removes_reports_built_from_the_old_data(demo):
    built = build_wave_report(2024, "nl", report_dir(2024, "nl"), pdf=False)
    assert built.html.exists()
    store_demo_waves(seed=7)
    assert not built.html.exists()

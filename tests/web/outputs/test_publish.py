import pytest

from aimonitor.web.outputs.publish import build_wave_report, publication_of

pytestmark = pytest.mark.django_db


def test_the_report_of_a_wave_is_built_from_the_database_and_says_it_is_synthetic(demo, tmp_path):
    files = build_wave_report(2024, "nl", tmp_path / "out", pdf=False)
    html = files.html.read_text(encoding="utf-8")
    assert files.pdf is None
    assert "Synthetische demonstratiedata" in html
    assert "Kernbevindingen" in html
    assert "werkt aan een AI-visie of -strategie" in html
    assert "2023" in html  # the change since the previous wave


def test_a_publication_without_history_reads_only_its_own_wave(demo):
    assert publication_of(2024, history=False).history == ()
    assert [table.wave for table in publication_of(2024).history] == [2023]

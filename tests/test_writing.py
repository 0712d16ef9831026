"""Attack on the output files: exports aimed at devices, folders and symbolic links, a full
or read-only disk, and cells a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import io
import os
import subprocess
from pathlib import Path

import pytest

from aimonitor.questionnaire import load_questionnaire
from aimonitor.questionnaire.codebook import render_csv
from aimonitor.writing import OutputError, spreadsheet_safe, write_text_atomically


def _writer(text: str):  # type: ignore[no-untyped-def]
    return lambda stream: stream.write(text)


def test_an_export_to_a_new_file_is_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "estimates.csv"
    write_text_atomically(out, _writer("a,b\n1,2\n"), what="the estimates")
    assert out.read_text() == "a,b\n1,2\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["estimates.csv"]


def test_a_symbolic_link_at_the_target_is_refused_and_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "estimates.csv"
    link.symlink_to(victim)
    with pytest.raises(OutputError, match="it is a symbolic link"):
        write_text_atomically(link, _writer("x"), what="the estimates")
    assert victim.read_text() == "precious"
    assert link.is_symlink()


def test_a_device_or_pipe_at_the_target_is_refused_and_left_alone(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(OutputError, match="not a regular file"):
        write_text_atomically(pipe, _writer("x"), what="the estimates")
    assert pipe.is_fifo()
    with pytest.raises(OutputError, match="not a regular file"):
        write_text_atomically(Path("/dev/null"), _writer("x"), what="the estimates")
    assert Path("/dev/null").is_char_device()


def test_a_folder_at_the_target_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=f"^cannot write the estimates to {tmp_path}: it is a"):
        write_text_atomically(tmp_path, _writer("x"), what="the estimates")


def test_a_failing_write_keeps_the_old_file_whole(tmp_path: Path) -> None:
    out = tmp_path / "estimates.csv"
    out.write_text("the previous export\n")

    def fail_halfway(stream):  # type: ignore[no-untyped-def]
        stream.write("half of the new")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match=r"the disk is full$"):
        write_text_atomically(out, fail_halfway, what="the estimates")
    assert out.read_text() == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["estimates.csv"]


def test_a_full_disk_keeps_the_old_file_and_is_one_line(tiny_disk: Path) -> None:
    out = tiny_disk / "estimates.csv"
    out.write_text("the previous export\n")
    with pytest.raises(OutputError) as raised:
        write_text_atomically(out, _writer("x" * 1_000_000), what="the estimates")
    assert str(raised.value) == f"cannot write the estimates to {out}: the disk is full"
    assert out.read_text() == "the previous export\n"
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["estimates.csv"]


def test_a_read_only_disk_keeps_the_old_file_and_is_one_line(tiny_disk: Path) -> None:
    out = tiny_disk / "estimates.csv"
    out.write_text("the previous export\n")
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
    with pytest.raises(OutputError, match=r"the disk is read-only$"):
        write_text_atomically(out, _writer("new"), what="the estimates")
    assert out.read_text() == "the previous export\n"


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-0.0195", "-0.0195"),
        ("-9", "-9"),
        ("+1e-05", "+1e-05"),
        ("Wat is uw functie? – CIO", "Wat is uw functie? – CIO"),
        ("", ""),
    ],
)
def test_a_text_cell_a_spreadsheet_would_run_gets_a_quote_and_a_number_stays(
    cell: str, safe: str
) -> None:
    assert spreadsheet_safe(cell) == safe


def test_the_codebook_csv_neutralises_a_label_that_is_a_formula(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[1] / "data/questionnaires/ai-monitor-2024.yaml"
    text = source.read_text(encoding="utf-8")
    assert "Wat is uw functie?" in text
    hostile = tmp_path / "q.yaml"
    hostile.write_text(text.replace("Wat is uw functie?", "=1+1 Wat is uw functie?", 1))
    rows = list(csv.DictReader(io.StringIO(render_csv(load_questionnaire(hostile), "nl"))))
    labels = {row["label"] for row in rows}
    assert "'=1+1 Wat is uw functie?" in labels
    assert not any(value.startswith("=") for row in rows for value in row.values())

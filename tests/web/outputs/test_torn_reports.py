"""Attack on the published reports: kill the build, read during a rebuild, fill the disk.

A reader must only ever get a complete report set (the HTML and the PDF of one build), a
kill must leave the old set or the new one, and a write that fails must leave the old set.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from aimonitor.report import ReportError, has_report_file, open_report_file, remove_report
from aimonitor.report.files import MANIFEST, write_report_set

PROJECT_ROOT = Path(__file__).resolve().parents[3]

BUILD_FOREVER = """
import sys
from datetime import date
from pathlib import Path

from aimonitor.paths import data_dir
from aimonitor.questionnaire import load_questionnaire
from aimonitor.report import build_report, write_report
from report.support import B1_ROWS, response, table

q = load_questionnaire(data_dir() / "questionnaires" / "ai-monitor-2024.yaml")
reports = [
    build_report(questionnaire=q, current=table(B1_ROWS), response=response(), lang="nl",
                 generated=date(2026, 1, day))
    for day in (1, 2)
]
out = Path(sys.argv[1])
rounds = int(sys.argv[2])
start = int(sys.argv[3])  # which of the two reports to build first
for number in range(start, start + rounds):
    write_report(reports[number % 2], out)
    print("built", number, flush=True)
"""


def _build(out: Path, rounds: int, start: int = 0, **kwargs: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT / "tests")}
    return subprocess.Popen(
        [sys.executable, "-c", BUILD_FOREVER, str(out), str(rounds), str(start)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,  # type: ignore[call-overload]
    )


def _assert_one_complete_set(out: Path) -> str:
    """The set at ``out`` is whole: every file its manifest names, with that size and hash,
    the HTML and the PDF of one build. Returns the build's date line."""
    build = Path(os.path.realpath(out))
    manifest = json.loads((build / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest) == {"report.html", "report.pdf"}
    for name, entry in manifest.items():
        data = (build / name).read_bytes()
        assert len(data) == entry["size"], name
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], name
    assert (build / "report.pdf").read_bytes().rstrip().endswith(b"%%EOF")
    html = (build / "report.html").read_text(encoding="utf-8")
    dates = [d for d in ("2026-01-01", "2026-01-02") if d in html]
    assert len(dates) == 1
    stream = open_report_file(out, "report.pdf")
    assert stream is not None
    stream.close()
    return dates[0]


def test_a_build_killed_at_any_moment_leaves_the_old_or_the_new_complete_set(tmp_path):
    out = tmp_path / "reports" / "2024" / "nl"
    first = _build(out, 1)
    assert first.wait(timeout=300) == 0, first.stderr.read() if first.stderr else ""
    seen = {_assert_one_complete_set(out)}
    started = time.monotonic()
    second = _build(out, 1)
    assert second.wait(timeout=300) == 0
    one_build = time.monotonic() - started
    # Kill at moments spread over a build; each builder starts with the other report, so a
    # kill after its first switch shows the new set. Later rounds wait longer, so both sets
    # are seen even on a loaded machine.
    fractions = (0.2, 0.5, 0.8, 0.95, 1.3, 1.7, 2.4, 3.5, 5.0, 8.0)
    current = "2026-01-01"
    for number, fraction in enumerate(fractions):
        if number >= 7 and len(seen) == 2:
            break
        builder = _build(out, 10, start=1 if current == "2026-01-01" else 0)
        time.sleep(one_build * fraction)
        builder.send_signal(signal.SIGKILL)
        builder.wait(timeout=60)
        current = _assert_one_complete_set(out)
        seen.add(current)
    leftovers = [p.name for p in out.parent.iterdir() if p.name not in ("nl", ".nl.lock")]
    assert len(leftovers) <= 2  # the current build and at most one a kill left behind
    assert seen == {"2026-01-01", "2026-01-02"}


SETS = [
    {
        "report.html": (b"<html>" + bytes([65 + n]) * 3_000_000 + b"</html>"),
        "report.pdf": (b"%PDF-" + bytes([97 + n]) * 1_000_000 + b"%%EOF"),
    }
    for n in range(2)
]


@pytest.mark.django_db(transaction=True)
def test_reads_during_rebuilds_get_a_whole_report_or_a_clean_404(live_server, settings, wave):
    wave.status = wave.Status.PUBLISHED
    wave.save()
    out = Path(settings.REPORTS_DIR) / "2024" / "nl"
    stop = threading.Event()
    switches = []

    def rebuild() -> None:
        number = 0
        while not stop.is_set():
            write_report_set(SETS[number % 2], out)
            switches.append(number)
            number += 1
        remove_report(out)

    reads: dict[int, int] = {}
    rebuilder = threading.Thread(target=rebuild)
    rebuilder.start()
    try:
        deadline = time.monotonic() + 60
        for count in range(400):
            if (count > 100 and len(switches) > 20) or time.monotonic() > deadline:
                break
            name = ("report.html", "report.pdf")[count % 2]
            try:
                with urllib.request.urlopen(f"{live_server.url}/rapport/2024/nl/{name}") as page:
                    status, body = page.status, page.read()
            except urllib.error.HTTPError as error:
                status, body = error.code, b""
            reads[status] = reads.get(status, 0) + 1
            assert status in (200, 404)
            if status == 200:
                assert body in (SETS[0][name], SETS[1][name]), f"torn {name}: {len(body)} bytes"
    finally:
        stop.set()
        rebuilder.join(timeout=60)
    assert reads.get(200, 0) > 50
    assert len(switches) > 5


def test_a_full_disk_leaves_the_old_set_and_says_so_in_one_line(tmp_path, tiny_disk):
    out = tiny_disk / "2024" / "nl"
    small = {"report.html": b"<html>old</html>", "report.pdf": b"%PDF-old%%EOF"}
    write_report_set(small, out)
    huge = {"report.html": b"x" * 100_000, "report.pdf": b"y" * 2_000_000}
    with pytest.raises(ReportError) as raised:
        write_report_set(huge, out)
    assert str(raised.value) == f"cannot write the report to {out}: the disk is full"
    assert open_report_file(out, "report.html").read() == b"<html>old</html>"  # type: ignore[union-attr]
    assert sorted(p.name for p in out.parent.iterdir()) == [
        os.readlink(out),
        ".nl.lock",
        "nl",
    ]


def test_a_read_only_disk_leaves_the_old_set_and_says_so_in_one_line(tiny_disk):
    out = tiny_disk / "2024" / "nl"
    write_report_set({"report.html": b"<html>old</html>"}, out)
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
    with pytest.raises(
        ReportError, match=r"^cannot write the report to .*: the disk is read-only$"
    ):
        write_report_set({"report.html": b"<html>new</html>"}, out)
    assert open_report_file(out, "report.html").read() == b"<html>old</html>"  # type: ignore[union-attr]


def test_a_folder_without_a_manifest_or_with_a_truncated_file_is_not_served(tmp_path):
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    (legacy / "report.html").write_text("<html>half")
    assert not has_report_file(legacy)
    out = tmp_path / "out"
    write_report_set({"report.html": b"<html>whole</html>"}, out)
    assert has_report_file(out)
    with open(os.path.realpath(out / "report.html"), "r+b") as html:
        html.truncate(5)
    assert open_report_file(out, "report.html") is None
    assert open_report_file(out, "report.pdf") is None


def test_a_report_built_by_an_older_version_is_replaced_as_a_whole(tmp_path):
    out = tmp_path / "nl"
    out.mkdir()
    (out / "report.html").write_text("<html>old</html>")
    (out / "report.pdf").write_text("%PDF-truncat")
    write_report_set({"report.html": b"<html>new</html>"}, out)
    assert out.is_symlink()
    assert open_report_file(out, "report.html").read() == b"<html>new</html>"  # type: ignore[union-attr]
    assert open_report_file(out, "report.pdf") is None
    assert not any("old" in p.read_text() for p in tmp_path.rglob("report.html"))


def test_a_folder_with_other_files_is_never_replaced(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ReportError, match=r"holds other files \(notes\.txt\)"):
        write_report_set({"report.html": b"x"}, tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"

"""write_report: the report as ``report.html`` and ``report.pdf``, switched in atomically.

A report set is never written in place. :func:`write_report` builds the new set in a fresh
folder beside the target (``.<name>.build-<id>``), writes a manifest (``MANIFEST.json``: the
name, size and SHA-256 of every file) last, syncs the files and the folder to disk, and then
points ``out_dir`` (a symbolic link to the current build folder) at the new set with one
atomic rename. A reader therefore sees the old complete set or the new complete set, never a
mix or a half-written file; a kill at any moment leaves one of the two; a full or read-only
disk raises :class:`ReportError` in one line and leaves the old set in place.

:func:`open_report_file` is the reading side: it opens a file of the current set only when
that set's manifest lists it with the size found on disk, so an incomplete set (or a folder
written by hand or by an older version, without a manifest) is never served.

Concurrent builds of one target are serialised with a lock file beside it
(``.<name>.lock``); the lock holder also removes build folders left behind by a kill.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from aimonitor.writing import reason

from .errors import ReportError
from .model import Report
from .render_html import render_html
from .render_pdf import pdf_bytes

MANIFEST = "MANIFEST.json"
REPORT_NAMES = ("report.html", "report.pdf")


@dataclass(frozen=True)
class ReportFiles:
    html: Path
    pdf: Path | None


def write_report(report: Report, out_dir: Path, *, pdf: bool = True) -> ReportFiles:
    """Write ``report.html`` (self-contained) and, unless ``pdf`` is false, ``report.pdf``
    into ``out_dir``, replacing the set there (if any) as a whole."""
    html = render_html(report)
    contents = {"report.html": html.encode("utf-8")}
    if pdf:
        contents["report.pdf"] = pdf_bytes(html)
    write_report_set(contents, out_dir)
    return ReportFiles(html=out_dir / "report.html", pdf=out_dir / "report.pdf" if pdf else None)


def write_report_set(contents: dict[str, bytes], out_dir: Path) -> None:
    """Switch ``out_dir`` atomically to a new set holding exactly ``contents``."""
    out_dir = Path(os.path.abspath(out_dir))
    parent = out_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        with _locked(parent / f".{out_dir.name}.lock"):
            _remove_stale_builds(out_dir)
            _adopt_plain_folder(out_dir)
            build = parent / f".{out_dir.name}.build-{secrets.token_hex(6)}"
            link = parent / f".{out_dir.name}.link-{secrets.token_hex(6)}"
            build.mkdir()
            try:
                _write_build(build, contents)
                old = _current_build(out_dir)
                os.symlink(build.name, link)
                os.replace(link, out_dir)  # the one atomic switch
                _sync_dir(parent)
            except BaseException:
                shutil.rmtree(build, ignore_errors=True)
                with contextlib.suppress(OSError):
                    link.unlink()
                raise
            if old is not None and old != build:
                shutil.rmtree(old, ignore_errors=True)
    except ReportError:
        raise
    except OSError as error:
        raise ReportError(f"cannot write the report to {out_dir}: {reason(error)}") from None


def remove_report(out_dir: Path) -> None:
    """Withdraw the report set in ``out_dir`` (readers get "not built" from then on)."""
    out_dir = Path(os.path.abspath(out_dir))
    if not out_dir.is_symlink():
        shutil.rmtree(out_dir, ignore_errors=True)
        return
    old = _current_build(out_dir)
    with contextlib.suppress(FileNotFoundError):
        out_dir.unlink()
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def open_report_file(out_dir: Path, name: str) -> BinaryIO | None:
    """The file ``name`` of the complete report set in ``out_dir``, opened for reading, or
    None when there is no complete set holding it."""
    for _ in range(3):  # a rebuild may switch sets between reading the manifest and the file
        build = Path(os.path.realpath(out_dir))
        try:
            manifest = _read_manifest(build)
            if manifest is None or name not in manifest:
                return None
            stream = (build / name).open("rb")
        except FileNotFoundError:
            continue
        except OSError:
            return None
        if os.fstat(stream.fileno()).st_size != manifest[name]["size"]:
            stream.close()
            continue
        return stream
    return None


def has_report_file(out_dir: Path, name: str = "report.html") -> bool:
    """Whether ``out_dir`` holds a complete report set with the file ``name``."""
    stream = open_report_file(out_dir, name)
    if stream is None:
        return False
    stream.close()
    return True


def _write_build(build: Path, contents: dict[str, bytes]) -> None:
    manifest = {}
    for name, data in contents.items():
        _write_synced(build / name, data)
        manifest[name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    _write_synced(build / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
    _sync_dir(build)


def _write_synced(path: Path, data: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _read_manifest(build: Path) -> dict[str, dict[str, int | str]] | None:
    try:
        data = json.loads((build / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _current_build(out_dir: Path) -> Path | None:
    """The build folder ``out_dir`` points at, if it is a link to one of ours."""
    if not out_dir.is_symlink():
        return None
    target = os.readlink(out_dir)
    if os.sep in target or not target.startswith(f".{out_dir.name}.build-"):
        return None
    return out_dir.parent / target


def _remove_stale_builds(out_dir: Path) -> None:
    """Remove build folders and links a killed build left behind (we hold the lock)."""
    current = _current_build(out_dir)
    prefixes = (f".{out_dir.name}.build-", f".{out_dir.name}.link-")
    for path in out_dir.parent.iterdir():
        if not path.name.startswith(prefixes) or path == current:
            continue
        if path.is_symlink() or not path.is_dir():
            path.unlink()
        else:
            shutil.rmtree(path, ignore_errors=True)


def _adopt_plain_folder(out_dir: Path) -> None:
    """A real folder at ``out_dir`` (an older version's report, an empty folder) cannot be
    replaced atomically: move it aside once, so it is a link from now on. A folder that holds
    anything else than report files is not ours to replace. The old files stay the current
    set until the new one is switched in."""
    if out_dir.is_symlink() or not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise ReportError(f"cannot write the report to {out_dir}: not a directory")
    foreign = sorted(p.name for p in out_dir.iterdir() if p.name not in (*REPORT_NAMES, MANIFEST))
    if foreign:
        raise ReportError(
            f"cannot write the report to {out_dir}: the folder holds other files "
            f"({', '.join(foreign[:3])}); choose an empty or new folder"
        )
    aside = out_dir.parent / f".{out_dir.name}.build-{secrets.token_hex(6)}"
    os.rename(out_dir, aside)
    os.symlink(aside.name, out_dir)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)

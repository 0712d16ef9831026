"""Reading the frame's CSV files with errors that name the file and line."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from aimonitor.frame.errors import FrameError

MUNICIPALITY_CODE = re.compile(r"GM[0-9]{4}")


def read_rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line number, row)`` for each data row of the UTF-8 CSV file at ``path``.

    The header must contain every name in ``columns`` (other columns are ignored) and each row
    must have as many fields as the header. Values are stripped of surrounding spaces.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")  # tolerate a spreadsheet's BOM
    except FileNotFoundError:
        raise FrameError(f"{path}: file not found") from None
    except UnicodeDecodeError as exc:
        raise FrameError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except IsADirectoryError:
        raise FrameError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise FrameError(f"{path}: cannot read the file ({exc.strerror})") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip() for name in next(reader, [])]
    if not header:
        raise FrameError(f"{path}: file is empty, expected a header row")
    missing = [name for name in columns if name not in header]
    if missing:
        raise FrameError(
            f"{path}: missing column(s) {', '.join(missing)}; the header is {','.join(header)}"
        )
    positions = {name: header.index(name) for name in columns}
    previous_end = reader.line_num
    try:
        for fields in reader:
            line, previous_end = previous_end + 1, reader.line_num
            if reader.line_num != line:
                raise FrameError(
                    f"{path}, line {line}: a quoted field runs on to line {reader.line_num} "
                    "(unbalanced double quote)"
                )
            if not fields:
                continue
            if len(fields) != len(header):
                raise FrameError(
                    f"{path}, line {line}: {len(fields)} fields, expected {len(header)} "
                    f"({','.join(header)})"
                )
            yield line, {name: fields[index].strip() for name, index in positions.items()}
    except csv.Error as exc:
        raise FrameError(f"{path}, line {previous_end + 1}: not valid CSV ({exc})") from None


def check_code(path: Path, line: int, column: str, value: str) -> str:
    """``value`` if it is a CBS municipality code (``GM`` + 4 digits), else a FrameError."""
    if not MUNICIPALITY_CODE.fullmatch(value):
        raise FrameError(
            f"{path}, line {line}: {column} {value!r} is not a municipality code "
            "(GM followed by 4 digits)"
        )
    return value


def parse_int(path: Path, line: int, column: str, value: str) -> int:
    """``value`` as an integer of plain digits, else a FrameError naming the column."""
    if not re.fullmatch(r"-?[0-9]+", value):
        raise FrameError(f"{path}, line {line}: {column} {value!r} is not a whole number")
    return int(value)

"""Importing the contact persons of the municipalities from a CSV file.

The research team keeps a spreadsheet with one row per person and saves it as CSV
(``docs/operations/contacts.md`` shows it for them). The format:

- A header row naming the columns, in any order, in English or Dutch (any case):
  ``code`` or ``gemeentecode``; ``name`` or ``naam``; ``email``, ``e-mail`` or
  ``e-mailadres``; ``role`` or ``rol``; optionally ``organisation`` (``organisatie``), e.g.
  ``Werkorganisatie SED``. Other columns (a remark) are ignored.
- Separated by commas or by semicolons (Dutch Excel writes ``;``): the header tells which.
  UTF-8 text, with or without a byte order mark ("CSV UTF-8" in Excel).
- ``code`` is the CBS municipality code, ``GM0363``; ``gm0363`` and surrounding spaces are
  accepted. ``role`` is ``coordinator`` (``coördinator``) or ``contributor``
  (``bijdrager``). The e-mail address is stored stripped and in lower case.
- **A shared organisation** (werkorganisatie, ambtelijke fusie) that answers once for
  several municipalities is entered once: the ``code`` cell of one of its rows lists the
  codes separated by ``|`` or spaces, the municipality that answers first
  (``GM0532 | GM0388 | GM0498``); the others are what it covers (:attr:`Contact.covers`,
  decision 0010). Its other people are rows with the first code only.

Every data row ends up either as a :class:`Contact` or as one or more :class:`RejectedRow`
s naming its line and what is wrong: an unknown code, a merged municipality (into which,
since when), a bad e-mail address, a missing field, an unknown role, a duplicate (the same
address twice for one municipality, a municipality covered twice, or answering itself and
also covered: both lines named), a second coordinator of a municipality, more fields than
the header. A row rejected for its own fields takes no part in the checks between rows
(they run again once it is fixed). Wholly empty rows (a spreadsheet's ``;;;;``) are not
data and are skipped. Nothing is half-imported: callers store the contacts only when the
import :attr:`~ContactImport.is_clean`. A file that is not text or lacks a required column
is one :class:`ContactFileError`.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from aimonitor.fieldwork.errors import ContactFileError
from aimonitor.frame import Frame, Lineage
from aimonitor.i18n import Lang, Text

__all__ = [
    "MAX_BYTES",
    "Contact",
    "ContactFileError",
    "ContactImport",
    "ContactRole",
    "RejectedRow",
    "build_contact_import",
    "is_email_address",
    "load_contact_import",
]

MAX_BYTES = 1_000_000
"""A contact list of 342 municipalities is some tens of kilobytes; larger is refused unread."""


MAX_TEXT = 200
"""Characters of a name or an organisation at most (what the contact list keeps)."""


class ContactRole(StrEnum):
    """What a contact person does for the municipality's response (the web's memberships)."""

    COORDINATOR = "coordinator"
    CONTRIBUTOR = "contributor"


@dataclass(frozen=True)
class Contact:
    """One person of one municipality, as a row of the contact file gave it."""

    line: int
    """The line of the file (the header is line 1)."""
    code: str
    """The municipality that answers, ``GM0363``."""
    covers: tuple[str, ...]
    """The further municipalities a shared organisation answers for, in file order; () for
    most."""
    organisation: str
    """The organisation, e.g. ``Werkorganisatie SED``; "" when none is given."""
    name: str
    email: str
    """Stripped and in lower case."""
    role: ContactRole
    language: Lang = "nl"
    """The language of the mails to this person (column ``taal``; Dutch when not given)."""


@dataclass(frozen=True)
class RejectedRow:
    """A row of the contact file that is not imported, and why (with the value at fault)."""

    line: int
    reason: Text


@dataclass(frozen=True)
class ContactImport:
    """The rows of a contact file: the good ones and the rejected ones, each with its line."""

    contacts: tuple[Contact, ...]
    rejected: tuple[RejectedRow, ...]

    @property
    def is_clean(self) -> bool:
        """No row is rejected: only then may the contacts be stored."""
        return not self.rejected


# --- the header ---------------------------------------------------------------------------

_COLUMN_NAMES = {
    "code": ("code", "gemeentecode"),
    "name": ("name", "naam"),
    "email": ("email", "e-mail", "e-mailadres", "emailadres"),
    "role": ("role", "rol"),
    "organisation": ("organisation", "organization", "organisatie"),
    "language": ("language", "taal"),
}
_REQUIRED = ("code", "name", "email", "role")
_DELIMITERS = (",", ";")

_LANGUAGES: dict[str, Lang] = {
    "nl": "nl",
    "nederlands": "nl",
    "dutch": "nl",
    "en": "en",
    "engels": "en",
    "english": "en",
}

_ROLES = {
    "coordinator": ContactRole.COORDINATOR,
    "coördinator": ContactRole.COORDINATOR,
    "contributor": ContactRole.CONTRIBUTOR,
    "bijdrager": ContactRole.CONTRIBUTOR,
}


def _folded(value: str) -> str:
    """``value`` stripped, in lower case and in one Unicode form (``ö`` typed two ways)."""
    return unicodedata.normalize("NFC", value).strip().casefold()


def _columns(header: list[str]) -> dict[str, int] | None:
    """Position of each known column in ``header``; None when a column is named twice."""
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        for column, names in _COLUMN_NAMES.items():
            if _folded(cell) in names:
                if column in positions:
                    return None
                positions[column] = index
    return positions


def _read_header(first_line: str) -> tuple[str, dict[str, int]]:
    """The delimiter and the column positions the header row gives, or a ContactFileError."""
    best: tuple[str, list[str], dict[str, int]] | None = None
    for delimiter in _DELIMITERS:
        header = next(csv.reader([first_line], delimiter=delimiter), [])
        positions = _columns(header)
        if positions is None:
            raise ContactFileError(
                Text.translated(
                    "The header names a column twice (in English and in Dutch?): {header}"
                ).format(header=first_line.strip())
            )
        if all(column in positions for column in _REQUIRED):
            return delimiter, positions
        if best is None or len(positions) > len(best[2]):
            best = (delimiter, header, positions)
    assert best is not None
    missing = ", ".join(
        "/".join(_COLUMN_NAMES[column][:2]) for column in _REQUIRED if column not in best[2]
    )
    raise ContactFileError(
        Text.translated(
            "The first row must name the columns code, name, email and role "
            "(or gemeentecode, naam, e-mail, rol), separated by commas or semicolons; "
            "missing: {missing}; the first row is: {header}"
        ).format(missing=missing, header=first_line.strip()[:200] or "—")
    )


# --- one row ------------------------------------------------------------------------------

_CODE = re.compile(r"GM[0-9]{4}")
_CODE_SEPARATORS = re.compile(r"[|\s]+")
# A conservative address: a dot-atom local part (no quotes, no comments), a host name of at
# least two labels of letters, digits and inner hyphens, a top-level domain of letters (or an
# internationalised one in its xn-- form). Only ASCII: no check that the domain exists.
_LOCAL = r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_EMAIL = re.compile(rf"{_LOCAL}@(?:{_LABEL}\.)+(?:[a-z]{{2,63}}|xn--[a-z0-9-]{{1,59}})")


def is_email_address(value: str) -> bool:
    """Whether ``value`` is a plain e-mail address such as ``J.deVries@amsterdam.nl`` (any
    case): conservative, so a display name, a space, a missing dot in the domain or a
    non-ASCII character is refused; nothing is looked up."""
    if not value.isascii():
        return False  # before lowering: "K" (the Kelvin sign) must not become a "k"
    value = value.lower()
    local, _at, _domain = value.rpartition("@")
    return len(value) <= 254 and len(local) <= 64 and _EMAIL.fullmatch(value) is not None


@dataclass(frozen=True)
class _Row:
    line: int
    codes: tuple[str, ...]
    organisation: str
    name: str
    email: str
    role: ContactRole
    language: Lang


class _Municipalities:
    """The codes of a frame, with the mergers that took codes out of it."""

    def __init__(self, frame: Frame, lineage: Lineage | None) -> None:
        self.year = frame.year
        self.names = {municipality.code: municipality.name for municipality in frame.municipalities}
        self.lineage = lineage
        self.mergers = {} if lineage is None else {m.old_code: m for m in lineage.mergers}

    def label(self, code: str) -> str:
        """``GM0388 (Enkhuizen)``."""
        return f"{code} ({self.names[code]})"

    def problem(self, value: str) -> Text | None:
        """What is wrong with the municipality code ``value`` (upper case), or None."""
        if not _CODE.fullmatch(value):
            return Text.translated(
                "“{value}” is not a municipality code (GM followed by four digits, GM0363)"
            ).format(value=value)
        if value in self.names:
            return None
        merger = self.mergers.get(value)
        if self.lineage is None or merger is None or merger.year_effective > self.year:
            return Text.translated("{code} is not a municipality on 1 January {year}").format(
                code=value, year=self.year
            )
        successor = self.lineage.successor(value, self.year)
        return Text.translated(
            "{code} ({name}) merged into {successor} in {year}: use {successor_code}"
        ).format(
            code=value,
            name=merger.old_name,
            successor=self.label(successor) if successor in self.names else successor,
            successor_code=successor,
            year=merger.year_effective,
        )

    def parse(self, cell: str) -> tuple[list[str], list[Text]]:
        """The codes of a ``code`` cell and what is wrong with them."""
        # "GM 0363" is one code, not the two tokens "GM" and "0363"
        joined = re.sub(r"\bGM\s+(?=[0-9])", "GM", unicodedata.normalize("NFC", cell).upper())
        codes = [token for token in _CODE_SEPARATORS.split(joined) if token]
        problems = [problem for code in codes if (problem := self.problem(code))]
        seen: set[str] = set()
        for code in codes:
            if code in seen and _CODE.fullmatch(code):
                problems.append(
                    Text.translated("{code} is listed twice in the code cell").format(code=code)
                )
            seen.add(code)
        return codes, problems


_MISSING = {
    "code": Text.translated("The municipality code is missing"),
    "name": Text.translated("The name is missing"),
    "email": Text.translated("The e-mail address is missing"),
    "role": Text.translated("The role is missing"),
}


def _check_row(line: int, cells: dict[str, str], known: _Municipalities) -> _Row | list[Text]:
    """The row's values, or what is wrong with them."""
    problems = [_MISSING[column] for column in _REQUIRED if not cells[column]]
    codes: list[str] = []
    if cells["code"]:
        codes, code_problems = known.parse(cells["code"])
        problems += code_problems
    for column, label in (
        ("name", Text.translated("name")),
        ("organisation", Text.translated("organisation")),
    ):
        if len(cells[column]) > MAX_TEXT:
            problems.append(
                Text.translated("The {column} is longer than {limit} characters").format(
                    column=label, limit=MAX_TEXT
                )
            )
    email = cells["email"].lower()
    if email and not is_email_address(cells["email"]):
        problems.append(
            Text.translated("“{email}” is not an e-mail address").format(email=cells["email"])
        )
    role = _ROLES.get(_folded(cells["role"]))
    if cells["role"] and role is None:
        problems.append(
            Text.translated(
                "Unknown role “{role}”: use coordinator or contributor (coördinator, bijdrager)"
            ).format(role=cells["role"])
        )
    language = _LANGUAGES.get(_folded(cells["language"]) or "nl")
    if language is None:
        problems.append(
            Text.translated("Unknown language “{language}”: use nl or en").format(
                language=cells["language"]
            )
        )
    if problems or role is None or language is None:
        return problems
    return _Row(line, tuple(codes), cells["organisation"], cells["name"], email, role, language)


# --- reading the rows ---------------------------------------------------------------------


def _rows(text: str) -> Iterator[tuple[int, dict[str, str] | Text]]:
    """``(line, cells)`` for each data row, or ``(line, problem)`` for a row that cannot be
    read into the header's columns; wholly empty rows are skipped."""
    first_line = text.split("\n", 1)[0].rstrip("\r")
    delimiter, positions = _read_header(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
        end = reader.line_num
        for fields in reader:
            line, end = end + 1, reader.line_num
            fields = [field.strip() for field in fields]
            if not any(fields):
                continue
            if end != line:
                yield (
                    line,
                    Text.translated(
                        "A quoted field runs on to line {end} (a double quote too many or too few?)"
                    ).format(end=end),
                )
                continue
            if len(fields) > len(header) and any(fields[len(header) :]):
                yield (
                    line,
                    Text.translated("The row has {count} fields, the first row {expected}").format(
                        count=len(fields), expected=len(header)
                    ),
                )
                continue
            fields += [""] * (len(header) - len(fields))
            cells = dict.fromkeys(_COLUMN_NAMES, "")
            cells.update({column: fields[index] for column, index in positions.items()})
            yield line, cells
    except csv.Error as exc:
        raise ContactFileError(
            Text.translated("Line {line} is not valid CSV ({error})").format(
                line=reader.line_num, error=str(exc)
            )
        ) from None


def _check_text(text: str) -> str:
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise ContactFileError(
            Text.translated("This is not a text file: save the contact list as “CSV UTF-8”")
        )
    if len(text) > MAX_BYTES:
        raise ContactFileError(
            Text.translated("The file is larger than {size} MB: not a contact list").format(
                size=MAX_BYTES // 1_000_000
            )
        )
    if not text.strip():
        raise ContactFileError(Text.translated("The file is empty; expected a header row"))
    return text


# --- the checks between rows --------------------------------------------------------------


def _between_rows(rows: list[_Row], known: _Municipalities) -> list[RejectedRow]:
    """The conflicts between rows, each rejecting the later row and naming the earlier one."""
    label = known.label

    answers: dict[str, int] = {}  # code -> first line where it answers itself
    covered: dict[str, tuple[str, int]] = {}  # code -> (who covers it, first line)
    emails: dict[tuple[str, str], int] = {}
    coordinators: dict[str, int] = {}
    rejected: list[RejectedRow] = []

    def both(code: str, lead: str, shared: int, own: int, line: int) -> None:
        rejected.append(
            RejectedRow(
                line,
                Text.translated(
                    "{code} answers itself (line {own}) and is also covered by {lead} "
                    "(line {shared}): keep one of the two"
                ).format(code=label(code), lead=label(lead), own=own, shared=shared),
            )
        )

    for row in rows:
        code, covers = row.codes[0], row.codes[1:]
        if code in covered:
            lead, shared = covered[code]
            both(code, lead, shared, row.line, row.line)
        for other in covers:
            if other in covered:
                rejected.append(
                    RejectedRow(
                        row.line,
                        Text.translated(
                            "{code} is covered twice by a shared organisation: on line {first} "
                            "and on line {line} (list an organisation's municipalities on one "
                            "of its rows only)"
                        ).format(code=label(other), first=covered[other][1], line=row.line),
                    )
                )
            elif other in answers:
                both(other, code, row.line, answers[other], row.line)
        if (code, row.email) in emails:
            rejected.append(
                RejectedRow(
                    row.line,
                    Text.translated(
                        "{email} is given twice for {code}: on line {first} and on line {line}"
                    ).format(
                        email=row.email,
                        code=label(code),
                        first=emails[code, row.email],
                        line=row.line,
                    ),
                )
            )
        if row.role is ContactRole.COORDINATOR and code in coordinators:
            rejected.append(
                RejectedRow(
                    row.line,
                    Text.translated(
                        "{code} has a coordinator already (line {first}): a municipality has "
                        "one coordinator"
                    ).format(code=label(code), first=coordinators[code]),
                )
            )
        answers.setdefault(code, row.line)
        for other in covers:
            covered.setdefault(other, (code, row.line))
        emails.setdefault((code, row.email), row.line)
        if row.role is ContactRole.COORDINATOR:
            coordinators.setdefault(code, row.line)
    return rejected


# --- the import ---------------------------------------------------------------------------


def build_contact_import(text: str, frame: Frame, lineage: Lineage | None = None) -> ContactImport:
    """The contacts of the CSV ``text`` (the module's documentation has the format), checked
    against the municipalities of ``frame``; with ``lineage``, a merged municipality's code
    is rejected with the municipality it merged into.

    Raises :class:`ContactFileError` for text that is not a contact file at all (NUL bytes,
    empty, too large, no header with the required columns, not CSV).
    """
    known = _Municipalities(frame, lineage)
    problems: list[RejectedRow] = []
    rows: list[_Row] = []
    for line, cells in _rows(_check_text(text)):
        if isinstance(cells, Text):
            problems.append(RejectedRow(line, cells))
            continue
        checked = _check_row(line, cells, known)
        if isinstance(checked, _Row):
            rows.append(checked)
        else:
            problems += (RejectedRow(line, reason) for reason in checked)
    problems += _between_rows(rows, known)
    rejected_lines = {problem.line for problem in problems}
    contacts = tuple(
        Contact(
            line=row.line,
            code=row.codes[0],
            covers=row.codes[1:],
            organisation=row.organisation,
            name=row.name,
            email=row.email,
            role=row.role,
            language=row.language,
        )
        for row in rows
        if row.line not in rejected_lines
    )
    return ContactImport(contacts, tuple(sorted(problems, key=lambda problem: problem.line)))


def load_contact_import(path: Path, frame: Frame, lineage: Lineage | None = None) -> ContactImport:
    """:func:`build_contact_import` of the file at ``path`` (UTF-8, with or without BOM).

    Raises :class:`ContactFileError`, naming the file, when it cannot be read as text.
    """

    def refused(reason: Text) -> ContactFileError:
        return ContactFileError(reason.map(lambda text: f"{path}: {text}"))

    try:
        if not path.is_file():
            raise refused(Text.translated("Not a file (missing, or a folder)"))
        if path.stat().st_size > MAX_BYTES:
            raise refused(
                Text.translated("The file is larger than {size} MB: not a contact list").format(
                    size=MAX_BYTES // 1_000_000
                )
            )
        data = path.read_bytes()
    except OSError as exc:
        raise refused(
            Text.translated("Cannot read the file ({error})").format(error=exc.strerror or "")
        ) from None
    if data.startswith(b"PK\x03\x04"):
        raise refused(
            Text.translated("This is a workbook (.xlsx), not CSV; save it as “CSV UTF-8”")
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise refused(
            Text.translated(
                "The file is UTF-16 (Excel's “Unicode text”); save it as “CSV UTF-8” instead"
            )
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise refused(
            Text.translated(
                "Not UTF-8 text (byte {position}); save it as “CSV UTF-8” in Excel"
            ).format(position=exc.start)
        ) from None
    try:
        return build_contact_import(text, frame, lineage)
    except ContactFileError as exc:
        raise refused(exc.reason) from None

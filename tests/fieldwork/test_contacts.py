"""Importing the contact list: every row imported or rejected with its line and reason.

The files are checked against the real frame of the current data (2025) and the shipped
merger lineage: Weesp (GM0457) joined Amsterdam in 2022, Brielle (GM0501) Voorne aan Zee
(GM1992) in 2023; Stede Broec (GM0532), Enkhuizen (GM0388) and Drechterland (GM0498) share
the werkorganisatie SED.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from aimonitor.errors import AimonitorError
from aimonitor.fieldwork import (
    Contact,
    ContactFileError,
    ContactImport,
    ContactRole,
    build_contact_import,
    is_email_address,
    load_contact_import,
)
from aimonitor.frame import FRAME_YEARS, Frame, Lineage, load_frame, load_lineage
from aimonitor.i18n import Text
from aimonitor.paths import PROJECT_ROOT


@pytest.fixture(scope="module")
def frame() -> Frame:
    return load_frame(FRAME_YEARS[-1])


@pytest.fixture(scope="module")
def lineage() -> Lineage:
    return load_lineage()


def text_of(*lines: str) -> str:
    return "".join(line + "\n" for line in lines)


def reasons(result: ContactImport) -> list[tuple[int, str]]:
    return [(row.line, row.reason.en) for row in result.rejected]


BAD_FILE = text_of(
    "gemeentecode;organisatie;naam;e-mail;rol",
    "GM0363;;Jan de Vries;j.devries@amsterdam.nl;coördinator",
    "GM9999;;Piet Smit;p.smit@example.nl;bijdrager",
    "GM0457;;Els Weesper;e.weesper@weesp.nl;bijdrager",
    "GM0344;;Anna Bos;anna.bos@utrecht;bijdrager",
    "GM0344;;;kees@utrecht.nl;bijdrager",
    "GM0344;;Kees Mol;kees@utrecht.nl;wethouder",
    "GM0363;;Sara Dijk; J.deVries@Amsterdam.nl ;bijdrager",
    "GM0363;;Mo Amrani;m.amrani@amsterdam.nl;coordinator",
    "GM0532 | GM0388;Werkorganisatie SED;Petra Jansen;p.jansen@sed.nl;coördinator",
    "GM0498 GM0388;Drechterland;Henk Vis;h.vis@drechterland.nl;coördinator",
    "GM0388;;Lies Kok;l.kok@enkhuizen.nl;bijdrager",
    "Amsterdam;;Ed Blom;e.blom@amsterdam.nl;bijdrager",
    "GM0501;;Bert Zee;b.zee@brielle.nl;coördinator",
    ";;Bob Geen;;",
    "GM0344;;Ed Groot;e.groot@utrecht.nl;bijdrager;te veel",
    "GM0344 GM0344;;Rik Dam;r.dam@utrecht.nl;bijdrager",
)


def test_a_file_full_of_bad_rows_rejects_each_with_its_line_and_reason(
    frame: Frame, lineage: Lineage
) -> None:
    result = build_contact_import(BAD_FILE, frame, lineage)
    assert not result.is_clean
    assert reasons(result) == [
        (3, "GM9999 is not a municipality on 1 January 2025"),
        (4, "GM0457 (Weesp) merged into GM0363 (Amsterdam) in 2022: use GM0363"),
        (5, "“anna.bos@utrecht” is not an e-mail address"),
        (6, "The name is missing"),
        (7, "Unknown role “wethouder”: use coordinator or contributor (coördinator, bijdrager)"),
        (8, "j.devries@amsterdam.nl is given twice for GM0363 (Amsterdam): on line 2 and on "
            "line 8"),
        (9, "GM0363 (Amsterdam) has a coordinator already (line 2): a municipality has one "
            "coordinator"),
        (11, "GM0388 (Enkhuizen) is covered twice by a shared organisation: on line 10 and on "
             "line 11 (list an organisation's municipalities on one of its rows only)"),
        (12, "GM0388 (Enkhuizen) answers itself (line 12) and is also covered by GM0532 "
             "(Stede Broec) (line 10): keep one of the two"),
        (13, "“AMSTERDAM” is not a municipality code (GM followed by four digits, GM0363)"),
        (14, "GM0501 (Brielle) merged into GM1992 (Voorne aan Zee) in 2023: use GM1992"),
        (15, "The municipality code is missing"),
        (15, "The e-mail address is missing"),
        (15, "The role is missing"),
        (16, "The row has 6 fields, the first row 5"),
        (17, "GM0344 is listed twice in the code cell"),
    ]  # fmt: skip
    assert [contact.line for contact in result.contacts] == [2, 10]


def test_no_row_of_a_bad_file_is_dropped_silently(frame: Frame, lineage: Lineage) -> None:
    result = build_contact_import(BAD_FILE, frame, lineage)
    imported = {contact.line for contact in result.contacts}
    rejected = {row.line for row in result.rejected}
    assert imported.isdisjoint(rejected)
    assert imported | rejected == set(range(2, 18))


def test_a_reason_is_given_in_dutch_too(frame: Frame, lineage: Lineage) -> None:
    result = build_contact_import(BAD_FILE, frame, lineage)
    merged = result.rejected[1].reason
    assert merged == Text(
        nl="GM0457 (Weesp) is in 2022 opgegaan in GM0363 (Amsterdam): gebruik GM0363",
        en="GM0457 (Weesp) merged into GM0363 (Amsterdam) in 2022: use GM0363",
    )
    assert result.rejected[0].reason.nl == "GM9999 is geen gemeente op 1 januari 2025"


def test_without_the_lineage_a_merged_code_is_an_unknown_code(frame: Frame) -> None:
    result = build_contact_import(
        text_of("code,name,email,role", "GM0457,Els Weesper,e.weesper@weesp.nl,contributor"),
        frame,
    )
    assert reasons(result) == [(2, "GM0457 is not a municipality on 1 January 2025")]


CLEAN_FILE = (
    "\ufeffname,email,code,role,organisation,remark\r\n"
    "Jan de Vries, J.deVries@Amsterdam.nl ,gm0363,Coordinator,,\r\n"
    "Petra Jansen,p.jansen@sedgemeenten.nl,GM0532|GM0388 | gm0498,coördinator,"
    "Werkorganisatie SED,answers for Enkhuizen and Drechterland too\r\n"
    "Kees Bakker,k.bakker@sedgemeenten.nl, GM 0532 ,bijdrager,Werkorganisatie SED,\r\n"
)


def test_a_clean_file_with_a_shared_organisation_is_imported_whole(
    tmp_path: Path, frame: Frame, lineage: Lineage
) -> None:
    path = tmp_path / "contacten.csv"
    path.write_bytes(CLEAN_FILE.encode("utf-8"))
    result = load_contact_import(path, frame, lineage)
    assert result.is_clean
    assert result.contacts == (
        Contact(
            line=2,
            code="GM0363",
            covers=(),
            organisation="",
            name="Jan de Vries",
            email="j.devries@amsterdam.nl",
            role=ContactRole.COORDINATOR,
        ),
        Contact(
            line=3,
            code="GM0532",
            covers=("GM0388", "GM0498"),
            organisation="Werkorganisatie SED",
            name="Petra Jansen",
            email="p.jansen@sedgemeenten.nl",
            role=ContactRole.COORDINATOR,
        ),
        Contact(
            line=4,
            code="GM0532",
            covers=(),
            organisation="Werkorganisatie SED",
            name="Kees Bakker",
            email="k.bakker@sedgemeenten.nl",
            role=ContactRole.CONTRIBUTOR,
        ),
    )


def test_a_dutch_excel_file_separated_by_semicolons_reads_like_a_comma_file(
    frame: Frame,
) -> None:
    dutch = text_of(
        "Gemeentecode;Naam;E-mail;Rol;Organisatie",
        "GM0344;Anna Bos;a.bos@utrecht.nl;Bijdrager;",
        'GM0363;"Vries, Jan de";j.devries@amsterdam.nl;coordinator;',
    )
    english = text_of(
        "code,name,email,role",
        "GM0344,Anna Bos,a.bos@utrecht.nl,contributor",
        'GM0363,"Vries, Jan de",j.devries@amsterdam.nl,coordinator',
    )
    assert build_contact_import(dutch, frame) == build_contact_import(english, frame)
    assert build_contact_import(dutch, frame).contacts[1].name == "Vries, Jan de"


def test_a_role_typed_with_a_separate_diaeresis_is_understood(frame: Frame) -> None:
    decomposed = unicodedata.normalize("NFD", "Coördinator")
    result = build_contact_import(
        text_of("code;naam;e-mail;rol", f"GM0344;Anna Bos;a.bos@utrecht.nl;{decomposed}"), frame
    )
    assert result.contacts[0].role is ContactRole.COORDINATOR


def test_empty_spreadsheet_rows_are_skipped_and_lines_still_count(frame: Frame) -> None:
    result = build_contact_import(
        text_of("code;naam;e-mail;rol", "", ";;;", "GM0344;Anna Bos;a.bos@utrecht.nl;bijdrager;;"),
        frame,
    )
    assert result.is_clean
    assert [contact.line for contact in result.contacts] == [4]


def test_one_person_may_work_for_two_municipalities(frame: Frame) -> None:
    result = build_contact_import(
        text_of(
            "code,name,email,role",
            "GM0344,Anna Bos,a.bos@adviesbureau.nl,contributor",
            "GM0363,Anna Bos,a.bos@adviesbureau.nl,contributor",
        ),
        frame,
    )
    assert result.is_clean


def test_a_quote_left_open_rejects_its_row_up_to_where_the_field_ends(frame: Frame) -> None:
    result = build_contact_import(
        text_of(
            "code,name,email,role",
            "GM0344,Anna Bos,a.bos@utrecht.nl,contributor",
            'GM0363,"Jan de Vries,j.devries@amsterdam.nl,coordinator',
            "GM0344,Kees Mol,k.mol@utrecht.nl,contributor",
        ),
        frame,
    )
    assert reasons(result) == [
        (3, "A quoted field runs on to line 4 (a double quote too many or too few?)")
    ]
    assert [contact.line for contact in result.contacts] == [2]


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        ("code;naam;rol", "missing: email/e-mail;"),
        ("gemeente,persoon,adres,functie", "missing: code/gemeentecode, name/naam, email/e-mail"),
    ],
)
def test_a_file_without_the_required_columns_is_one_error(
    frame: Frame, header: str, missing: str
) -> None:
    with pytest.raises(ContactFileError, match=missing) as info:
        build_contact_import(text_of(header, "GM0344;Anna Bos;bijdrager"), frame)
    assert isinstance(info.value, AimonitorError)
    assert "\n" not in str(info.value)
    assert info.value.reason.nl.startswith("De eerste rij moet de kolommen gemeentecode")


def test_a_column_named_in_english_and_in_dutch_is_one_error(frame: Frame) -> None:
    with pytest.raises(ContactFileError, match="names a column twice"):
        build_contact_import(text_of("code;gemeentecode;naam;e-mail;rol"), frame)


def test_an_empty_file_is_one_error(frame: Frame) -> None:
    with pytest.raises(ContactFileError, match="The file is empty"):
        build_contact_import("\n\n", frame)


def test_a_workbook_saved_as_xlsx_is_not_a_contact_file(tmp_path: Path, frame: Frame) -> None:
    path = tmp_path / "contacten.xlsx"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb5U")
    with pytest.raises(ContactFileError, match=r"contacten.xlsx: This is a workbook \(.xlsx\)"):
        load_contact_import(path, frame)


def test_a_file_saved_in_the_windows_encoding_is_refused_at_its_first_odd_byte(
    tmp_path: Path, frame: Frame
) -> None:
    # Excel's plain "CSV" is Windows-1252: the é of José is byte 31 (21 bytes of header)
    path = tmp_path / "contacten.csv"
    path.write_bytes(
        "code;naam;e-mail;rol\nGM0344;José Bos;j.bos@utrecht.nl;bijdrager\n".encode("cp1252")
    )
    with pytest.raises(ContactFileError, match=r"Not UTF-8 text \(byte 31\)") as info:
        load_contact_import(path, frame)
    assert info.value.reason.nl.endswith("sla het in Excel op als “CSV UTF-8”")


def test_text_with_nul_characters_is_not_a_contact_file(frame: Frame) -> None:
    with pytest.raises(ContactFileError, match="not a text file"):
        build_contact_import("code,name,email,role\x00\x00\n", frame)


def test_excels_unicode_text_is_refused_with_what_to_do_instead(
    tmp_path: Path, frame: Frame
) -> None:
    path = tmp_path / "contacten.txt"
    path.write_bytes("code\tname\temail\trole\n".encode("utf-16"))
    with pytest.raises(ContactFileError, match="UTF-16") as info:
        load_contact_import(path, frame)
    assert "CSV UTF-8" in info.value.reason.nl


def test_a_folder_is_not_a_contact_file(tmp_path: Path, frame: Frame) -> None:
    with pytest.raises(ContactFileError, match="Not a file"):
        load_contact_import(tmp_path, frame)


@pytest.mark.parametrize(
    "address",
    [
        "j.devries@amsterdam.nl",
        "info+ai@gemeente-utrecht.nl",
        "o'brien@sub.domein.frl",
        "a_b@x.amsterdam",
        "J.deVries@Amsterdam.NL",
    ],
)
def test_an_ordinary_e_mail_address_is_accepted(address: str) -> None:
    assert is_email_address(address)


@pytest.mark.parametrize(
    "address",
    [
        "jan@amsterdam",
        "jan de vries@amsterdam.nl",
        "jan de vries <jan@amsterdam.nl>",
        "jan@@amsterdam.nl",
        "jan@amsterdam..nl",
        ".jan@amsterdam.nl",
        "jan.@amsterdam.nl",
        "jan@-amsterdam.nl",
        "jan@amsterdam.nl.",
        "jän@amsterdam.nl",
        "jan@\u212aampen.nl",  # a Kelvin sign that lowers to an ASCII k
        "jan@amsterdam.n1",
        "mailto:jan@amsterdam.nl",
        "a" * 65 + "@amsterdam.nl",
    ],
)
def test_a_doubtful_e_mail_address_is_refused(address: str) -> None:
    assert not is_email_address(address)


def test_the_example_in_the_operations_guide_imports_cleanly(
    frame: Frame, lineage: Lineage
) -> None:
    guide = (PROJECT_ROOT / "docs" / "operations" / "contacts.md").read_text(encoding="utf-8")
    example = guide.split("## Example\n\n```\n", 1)[1].split("```", 1)[0]
    result = build_contact_import(example, frame, lineage)
    assert result.is_clean
    assert [(contact.code, contact.covers) for contact in result.contacts] == [
        ("GM0363", ()),
        ("GM0363", ()),
        ("GM0532", ("GM0388", "GM0498")),
        ("GM0532", ()),
    ]


def test_a_contact_gets_mail_in_the_language_of_the_taal_column_dutch_when_empty(
    frame: Frame,
) -> None:
    result = build_contact_import(
        text_of(
            "code;naam;e-mail;rol;taal",
            "GM0363;Anna de Vries;anna@amsterdam.nl;coördinator;",
            "GM0599;Joe Smith;joe@rotterdam.nl;coördinator;English",
            "GM0344;Piet Smit;piet@utrecht.nl;coördinator;NL",
            "GM0014;Rik Dijkstra;rik@groningen.nl;coördinator;fries",
        ),
        frame,
    )
    assert [(c.code, c.language) for c in result.contacts] == [
        ("GM0363", "nl"),
        ("GM0599", "en"),
        ("GM0344", "nl"),
    ]
    assert reasons(result) == [(5, "Unknown language “fries”: use nl or en")]


def test_a_name_or_organisation_longer_than_the_list_keeps_is_rejected(frame: Frame) -> None:
    long = "x" * 201
    result = build_contact_import(
        text_of(
            "code;naam;e-mail;rol;organisatie",
            f"GM0363;{long};anna@amsterdam.nl;coördinator;",
            f"GM0599;Joe Smith;joe@rotterdam.nl;coördinator;{long}",
            f"GM0344;{'y' * 200};piet@utrecht.nl;coördinator;{'z' * 200}",
        ),
        frame,
    )
    assert reasons(result) == [
        (2, "The name is longer than 200 characters"),
        (3, "The organisation is longer than 200 characters"),
    ]
    assert [c.code for c in result.contacts] == ["GM0344"]

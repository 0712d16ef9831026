"""Languages, bilingual text, and the Dutch catalog kept complete and compiled."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po
from pydantic import ValidationError

import aimonitor
from aimonitor.errors import AimonitorError
from aimonitor.i18n import (
    DOMAIN,
    LOCALE_DIR,
    SUPPORTED_LANGUAGES,
    Text,
    UnknownLanguageError,
    check_language,
    synthetic_data_label,
    translator,
)

PACKAGE_DIR = Path(aimonitor.__file__).resolve().parent
PO_FILE = LOCALE_DIR / "nl" / "LC_MESSAGES" / f"{DOMAIN}.po"
MO_FILE = PO_FILE.with_suffix(".mo")
# The modules whose output text goes through this catalog: the whole core (the web front end
# has Django's own catalog).
TRANSLATED_SOURCES = sorted(
    path for path in PACKAGE_DIR.rglob("*.py") if path.relative_to(PACKAGE_DIR).parts[0] != "web"
)


def _po_messages() -> dict[tuple[str | None, object], object]:
    """(context, id) -> translation for every message of the Dutch catalog."""
    with PO_FILE.open("rb") as handle:
        catalog = read_po(handle)
    return {(message.context, message.id): message.string for message in catalog if message.id}


def test_dutch_and_english_are_the_supported_languages() -> None:
    assert SUPPORTED_LANGUAGES == ("nl", "en")


def test_english_output_is_the_message_id_itself() -> None:
    assert translator("en").gettext("percentage point") == "percentage point"
    assert translator("en").ngettext("percentage point", "percentage points", 3) == (
        "percentage points"
    )


def test_dutch_output_comes_from_the_catalog() -> None:
    assert translator("nl").ngettext("percentage point", "percentage points", 3) == "procentpunt"


def test_an_unknown_language_is_an_error_a_user_can_fix() -> None:
    with pytest.raises(UnknownLanguageError, match="supported languages are: nl, en") as info:
        translator("fr")
    assert isinstance(info.value, AimonitorError)


def test_a_language_from_outside_is_checked_once_and_then_typed() -> None:
    assert check_language("en") == "en"
    with pytest.raises(UnknownLanguageError, match="unknown language 'EN'"):
        check_language("EN")


def test_a_text_gives_its_dutch_or_its_english() -> None:
    text = Text(nl="gemeenten", en="municipalities")
    assert [text.get(lang) for lang in SUPPORTED_LANGUAGES] == ["gemeenten", "municipalities"]


@pytest.mark.parametrize("fields", [{"nl": "gemeenten"}, {"nl": "gemeenten", "en": ""}])
def test_a_text_without_one_of_its_languages_is_refused(fields: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        Text.model_validate(fields)


def test_a_text_can_read_the_same_in_every_language() -> None:
    wave = Text.neutral("2025")
    assert (wave.get("nl"), wave.get("en")) == ("2025", "2025")


def test_a_translated_text_holds_the_message_and_its_dutch_translation() -> None:
    label = synthetic_data_label()
    assert label == Text(nl="Synthetische demonstratiedata", en="Synthetic demonstration data")


def test_filling_in_a_text_uses_each_language_of_a_text_field() -> None:
    template = Text(nl="{who} in {year}", en="{who} in {year}")
    filled = template.format(who=Text(nl="gemeenten", en="municipalities"), year=2025)
    assert filled == Text(nl="gemeenten in 2025", en="municipalities in 2025")


def test_a_text_is_changed_in_every_language_at_once() -> None:
    text = Text(nl="Gemeenten", en="Municipalities").map(str.lower)
    assert text == Text(nl="gemeenten", en="municipalities")


def _used_message_ids() -> set[str]:
    keywords = {**DEFAULT_KEYWORDS, "noop": None, "translated": None}
    used: set[str] = set()
    for source in TRANSLATED_SOURCES:
        for _line, message, _comments, _context in extract_from_file(
            "python", str(source), keywords=keywords
        ):
            used.add(message[0] if isinstance(message, tuple) else message)
    return used


def _singular_id(key: tuple[str | None, object]) -> str:
    message_id = key[1]
    return str(message_id[0] if isinstance(message_id, tuple) else message_id)


def _is_translated(value: object) -> bool:
    if isinstance(value, tuple):
        return all(value)
    return bool(value)


def test_every_message_in_the_code_has_a_dutch_translation() -> None:
    translated = {_singular_id(k) for k, v in _po_messages().items() if _is_translated(v)}
    assert _used_message_ids() - translated == set()


def test_the_catalog_holds_no_message_the_code_no_longer_uses() -> None:
    in_catalog = {_singular_id(key) for key in _po_messages()}
    assert in_catalog - _used_message_ids() == set()


def test_the_committed_mo_file_is_compiled_from_the_current_po_file() -> None:
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for (context, message_id), value in _po_messages().items():
        if isinstance(message_id, tuple):
            assert isinstance(value, tuple)
            assert compiled.ngettext(message_id[0], message_id[1], 1) == value[0], message_id
            assert compiled.ngettext(message_id[0], message_id[1], 2) == value[1], message_id
        elif context is not None:
            assert compiled.pgettext(context, str(message_id)) == value, (context, message_id)
        else:
            assert compiled.gettext(str(message_id)) == value, message_id
    # And nothing extra: the .mo has exactly the .po's messages (plus the header entry).
    catalog_size = len(compiled._catalog)  # type: ignore[attr-defined]
    plural_entries = sum(
        len(value) - 1 for value in _po_messages().values() if isinstance(value, tuple)
    )
    assert catalog_size == len(_po_messages()) + plural_entries + 1

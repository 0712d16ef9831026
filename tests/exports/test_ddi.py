"""The DDI-Codebook describes the study and every variable, and an archive's validator
(the DDI Alliance's XML schema, with lxml) accepts it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from aimonitor.exports import Microdata
from aimonitor.exports.ddi import render_ddi
from aimonitor.indicators import WaveData

SCHEMA = Path(__file__).parent / "ddi-codebook-2.5.1" / "schemas" / "codebook.xsd"
NS = {"ddi": "ddi:codebook:2_5"}


@pytest.fixture(scope="module")
def codebook(exported: Path) -> etree._ElementTree:
    return etree.parse(str(exported / "codebook.xml"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_codebook_is_valid_ddi_codebook_2_5(microdata: Microdata, lang: str) -> None:
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    document = etree.fromstring(render_ddi(microdata, lang))
    assert schema.validate(document), schema.error_log.filter_from_errors()


def test_every_column_of_the_data_is_described(codebook, microdata: Microdata) -> None:
    names = codebook.xpath("//ddi:dataDscr/ddi:var/@name", namespaces=NS)
    assert names == [c.name for c in microdata.columns]
    cases = codebook.xpath("//ddi:fileDscr//ddi:caseQnty/text()", namespaces=NS)
    assert cases == [str(microdata.rows)]


def test_a_category_carries_its_frequency_among_the_respondents(codebook, rows) -> None:
    counts = Counter(r.answers.get("B1") for r in rows)
    for category in codebook.xpath("//ddi:var[@name='B1']/ddi:catgry", namespaces=NS):
        code = int(category.findtext("ddi:catValu", namespaces=NS))
        frequency = int(category.findtext("ddi:catStat[@type='freq']", namespaces=NS))
        assert frequency == counts.get(code, 0)
        assert category.get("missing") == ("Y" if code == 98 else "N")


def test_a_routed_question_names_who_was_asked(codebook, wave: WaveData) -> None:
    item = wave.questionnaire.item(wave.questionnaire.variable("D3_minutes").item)
    assert item.shown_if is not None
    (universe,) = codebook.xpath("//ddi:var[@name='D3_minutes']/ddi:universe/text()", namespaces=NS)
    assert universe != "Alle gemeenten"
    (asked_all,) = codebook.xpath("//ddi:var[@name='B1']/ddi:universe/text()", namespaces=NS)
    assert asked_all == "Alle gemeenten"


def test_the_question_text_and_measurement_are_given(codebook, wave: WaveData) -> None:
    (b1,) = codebook.xpath("//ddi:var[@name='B1']", namespaces=NS)
    assert (
        b1.findtext("ddi:qstn/ddi:qstnLit", namespaces=NS)
        == wave.questionnaire.variable("B1").label.nl
    )
    assert b1.get("nature") == "nominal"
    (c4,) = codebook.xpath("//ddi:var[@name='C4']", namespaces=NS)
    assert c4.get("intrvl") == "contin"


def test_synthetic_data_say_so_in_the_study_description(codebook) -> None:
    notes = codebook.xpath("//ddi:stdyDscr/ddi:citation/ddi:notes/text()", namespaces=NS)
    assert any("Synthetische demonstratiedata" in note for note in notes)

"""A DDI-Codebook 2.5 description of a wave's open microdata (namespace ``ddi:codebook:2_5``).

The study (title, year, universe, unit, kind of data), the one data file with its numbers of
cases and variables, and every variable: its label, the question text, the universe its
routing gives (who was asked), its measurement level, its categories with their frequencies
among the rows of the file, and which codes are missing values. Data archives (DANS, CESSDA
members) take this version; the tests validate it against the schema of the DDI Alliance
(``schemas/ddi-codebook/2.5.1``).
"""

from __future__ import annotations

from collections import Counter
from xml.etree import ElementTree as ET

from aimonitor.exports.microdata import Microdata, MicrodataColumn
from aimonitor.i18n import Lang
from aimonitor.indicators.export import SYNTHETIC_NOTICE
from aimonitor.questionnaire.routing import describe_condition

NAMESPACE = "ddi:codebook:2_5"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_TEXTS = {
    "nl": {
        "title": "AI Monitor Gemeenten {year}",
        "universe": "Alle Nederlandse gemeenten op 1 januari van het jaar van de steekproef",
        "unit": "Gemeente",
        "kind": "Enquête onder alle gemeenten (volledige telling met non-respons)",
        "nation": "Nederland",
        "asked": "Alle gemeenten",
        "file": "Microdata: één rij per responderende gemeente",
        "top": "Topgecodeerd: gemeenten die niet bij naam in de data staan tonen hoogstens {top}.",
        "withheld": "Alleen ingevuld voor gemeenten die toestemming gaven om bij naam in de open "
        "data te staan; leeg bij de andere, wat zij ook antwoordden (het zou hen herkenbaar "
        "maken).",
        "class": "Leeg bij gemeenten zonder toestemming als een grootteklasse minder dan tien "
        "van hen telt.",
        "files": "Dezelfde gegevens als CSV (microdata.csv), Parquet (microdata.parquet) en "
        "SPSS (microdata.sav).",
    },
    "en": {
        "title": "AI Monitor of Dutch municipalities {year}",
        "universe": "All Dutch municipalities on 1 January of the frame year",
        "unit": "Municipality",
        "kind": "Survey of all municipalities (a census with non-response)",
        "nation": "The Netherlands",
        "asked": "All municipalities",
        "file": "Microdata: one row per responding municipality",
        "top": "Top-coded: municipalities not named in the data show at most {top}.",
        "withheld": "Only filled for municipalities that consented to appear by name in the "
        "open data; empty for the others, whatever they answered (it would identify them).",
        "class": "Empty for municipalities without consent when a size class counts fewer "
        "than ten of them.",
        "files": "The same data as CSV (microdata.csv), Parquet (microdata.parquet) and SPSS "
        "(microdata.sav).",
    },
}


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def render_ddi(data: Microdata, lang: Lang) -> bytes:
    """The DDI-Codebook 2.5 XML of ``data``, labelled in ``lang``, as UTF-8 bytes."""
    texts = _TEXTS[lang]
    ET.register_namespace("", NAMESPACE)
    root = ET.Element(
        f"{{{NAMESPACE}}}codeBook",
        {"version": "2.5", "ID": f"aimonitor-{data.year}", _XML_LANG: lang},
    )
    title = texts["title"].format(year=data.year)
    doc = _sub(root, "docDscr")
    _sub(_sub(_sub(doc, "citation"), "titlStmt"), "titl", title)
    study = _sub(root, "stdyDscr")
    citation = _sub(study, "citation")
    _sub(_sub(citation, "titlStmt"), "titl", title)
    if data.synthetic:
        _sub(citation, "notes", SYNTHETIC_NOTICE)
    summary = _sub(_sub(study, "stdyInfo"), "sumDscr")
    _sub(summary, "collDate", str(data.year), date=str(data.year), event="single")
    _sub(summary, "nation", texts["nation"])
    _sub(summary, "anlyUnit", texts["unit"])
    _sub(summary, "universe", texts["universe"])
    _sub(summary, "dataKind", texts["kind"])
    file = _sub(root, "fileDscr", ID="F1")
    file_text = _sub(file, "fileTxt")
    _sub(file_text, "fileName", "microdata")
    _sub(file_text, "fileCont", texts["file"])
    dimensions = _sub(file_text, "dimensns")
    _sub(dimensions, "caseQnty", str(data.rows))
    _sub(dimensions, "varQnty", str(len(data.columns)))
    _sub(file_text, "fileType", "CSV; Apache Parquet; SPSS")
    _sub(file, "notes", texts["files"])
    variables = _sub(root, "dataDscr")
    for number, column in enumerate(data.columns, start=1):
        _variable(variables, number, column, data, lang)
    ET.indent(root)
    rendered: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return rendered


def _variable(
    parent: ET.Element, number: int, column: MicrodataColumn, data: Microdata, lang: Lang
) -> None:
    nature = "ratio" if column.measurement == "scale" else column.measurement
    attributes = {"ID": f"V{number}", "name": column.name, "files": "F1", "nature": nature}
    if column.kind == "number":
        attributes["intrvl"] = "contin" if column.measurement == "scale" else "discrete"
        attributes["dcml"] = str(column.decimals)
    var = _sub(parent, "var", **attributes)
    _sub(var, "labl", column.label.get(lang))
    universe = _universe(column, data, lang)
    if column.variable is not None:
        item = data.questionnaire.item(data.questionnaire.variable(column.variable).item)
        _sub(_sub(var, "qstn"), "qstnLit", item.text.get(lang))
    if universe is not None:
        _sub(var, "universe", universe)
    answered = [v for v in column.values if v is not None and v != ""]
    valid = [v for v in answered if not (isinstance(v, float) and int(v) in column.missing)]
    _sub(var, "sumStat", str(len(valid)), type="vald")
    _sub(var, "sumStat", str(data.rows - len(valid)), type="invd")
    frequencies = Counter(int(v) for v in answered if isinstance(v, float))
    for value in column.value_labels:
        category = _sub(var, "catgry", missing="Y" if value.code in column.missing else "N")
        _sub(category, "catValu", str(value.code))
        _sub(category, "labl", value.label.get(lang))
        _sub(category, "catStat", str(frequencies.get(value.code, 0)), type="freq")
    _sub(var, "varFormat", type="character" if column.kind == "text" else "numeric", schema="other")
    if column.top_code is not None:
        _sub(var, "notes", _TEXTS[lang]["top"].format(top=f"{column.top_code:g}"))
    if column.withheld:
        _sub(var, "notes", _TEXTS[lang]["withheld"])
    if column.name == "grootteklasse":
        _sub(var, "notes", _TEXTS[lang]["class"])


def _universe(column: MicrodataColumn, data: Microdata, lang: Lang) -> str | None:
    if column.variable is None:
        return None
    item = data.questionnaire.item(data.questionnaire.variable(column.variable).item)
    if item.shown_if is None:
        return _TEXTS[lang]["asked"]
    return describe_condition(item.shown_if, lang)

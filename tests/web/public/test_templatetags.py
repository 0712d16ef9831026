"""The start page words its response table through the core, as the report does."""

import pytest

from aimonitor.indicators import ResponseCell
from aimonitor.web.public.templatetags.public_extras import number, rate, response_label


def test_a_group_without_municipalities_shows_a_dash_as_its_rate_not_zero_percent():
    empty = ResponseCell("province", "Zeeland", population=0, respondents=0)
    assert rate(empty.rate, "nl") == "–"
    assert rate(ResponseCell("province", "Zeeland", 13, 6).rate, "en") == "46%"


@pytest.mark.parametrize(("lang", "total"), [("nl", "Totaal"), ("en", "Total")])
def test_labels_and_counts_come_in_the_readers_language(lang, total):
    assert response_label(ResponseCell("total", "all", 1342, 2), lang) == total
    assert number(1342, lang) == {"nl": "1.342", "en": "1,342"}[lang]

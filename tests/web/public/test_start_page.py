import re

import pytest

from aimonitor.web.fieldwork.models import MunicipalResponse
from aimonitor.web.municipalities.loading import load_frame_into_database
from aimonitor.web.municipalities.models import Municipality
from aimonitor.web.outputs.publish import publication_of

from ..conftest import make_wave, respond

pytestmark = pytest.mark.django_db


def test_the_start_page_without_waves_says_how_to_load_the_demo(client):
    page = client.get("/").content.decode()
    assert "aimonitor demo" in page


def test_the_start_page_shows_response_by_size_class_and_province(client):
    load_frame_into_database()
    wave = make_wave(2024, synthetic=False)
    # Amsterdam and Rotterdam (>= 250k), Groningen (100k-250k), Vlieland (< 20k)
    respond(wave, ["GM0363", "GM0599", "GM0014", "GM0096"])
    respond(wave, ["GM0034"], status=MunicipalResponse.Status.IN_PROGRESS)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "4 van 342 gemeenten" in page
    size_rows = page.split("Respons naar grootteklasse")[1].split("</table>")[0]
    assert (
        '<td>≥ 250.000 inwoners</td><td class="num">4</td><td class="num">2</td>'
        in size_rows.replace("\n", "")
    )
    province_rows = page.split("Respons naar provincie")[1].split("</table>")[0]
    assert '<td>Noord-Holland</td><td class="num">44</td><td class="num">1</td>' in province_rows
    assert "Synthetische demonstratiedata" not in page


def test_municipalities_a_shared_organisation_answered_for_count_as_responded(client):
    load_frame_into_database()
    wave = make_wave(2024, synthetic=False)
    # The SED organisation: Stede Broec (22,217 inhabitants) answers for Enkhuizen (18,895)
    # and Drechterland (20,496), all three in Noord-Holland; Amsterdam answers for itself.
    respond(wave, ["GM0532"], answers={"A1": 532, "A4": 2, "A4a": [388, 498]})
    respond(wave, ["GM0363"], answers={"A1": 363, "A4": 1})
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode().replace("\n", "")
    assert "4 van 342 gemeenten hebben gereageerd" in page
    assert "2 daarvan via een werkorganisatie" in page
    size_rows = page.split("Respons naar grootteklasse")[1].split("</table>")[0]
    assert '<th class="num">Via werkorganisatie</th>' in size_rows
    # < 20,000: Enkhuizen, covered; 20,000-50,000: Stede Broec, and Drechterland covered.
    smallest = r'<td>&lt; 20\.000 inwoners</td><td class="num">\d+</td><td class="num">1</td>'
    assert re.search(smallest + '<td class="num">1</td>', size_rows)
    middle = r'<td>20\.000 tot 50\.000 inwoners</td><td class="num">\d+</td>'
    assert re.search(middle + '<td class="num">2</td><td class="num">1</td>', size_rows)
    province_rows = page.split("Respons naar provincie")[1].split("</table>")[0]
    holland = '<td>Noord-Holland</td><td class="num">44</td><td class="num">4</td>'
    assert holland + '<td class="num">2</td>' in province_rows


def test_a_wave_without_shared_organisations_shows_no_column_for_them(client):
    load_frame_into_database()
    respond(make_wave(2024, synthetic=False), ["GM0363"])
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "werkorganisatie" not in page


def test_a_synthetic_wave_is_labelled_as_synthetic_on_the_start_page(client):
    load_frame_into_database()
    make_wave(2023, synthetic=True)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Synthetische demonstratiedata" in page


def test_response_rates_are_rounded_half_up_like_the_report(client):
    load_frame_into_database()
    wave = make_wave(2024, synthetic=False)
    brabant = Municipality.objects.filter(frame_year=2024, province="Noord-Brabant")
    respond(wave, list(brabant.values_list("code", flat=True))[:35])  # 35 of 56 = 62.5%
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode().replace("\n", "")
    province_rows = page.split("Respons naar provincie")[1].split("</table>")[0]
    expected = '<td>Noord-Brabant</td><td class="num">56</td><td class="num">35</td>'
    assert expected + '<td class="num">63%</td>' in province_rows


def test_the_start_page_shows_the_demo_waves_as_synthetic(demo, client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Synthetische demonstratiedata" in page
    for year in (2023, 2024, 2025):
        assert f"Meting {year}" in page


def test_the_start_page_counts_the_response_the_report_counts(demo, client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    section = page.split('id="wave-2024"')[1].split("</section>")[0]
    shown = re.search(r"(\d+) van (\d+) gemeenten hebben gereageerd", section)
    assert shown is not None
    response = publication_of(2024, history=False).response
    assert (int(shown[1]), int(shown[2])) == (
        response.total.respondents,
        response.total.population,
    )


def test_the_start_page_is_styled_by_a_stylesheet_the_app_serves_itself(client):
    """No inline style (the Content-Security-Policy refuses it), and /static/ works without
    DEBUG and without collectstatic, as `make demo` needs."""
    page = client.get("/").content.decode()
    assert "<style" not in page
    stylesheet = re.search(r'<link rel="stylesheet" href="(/static/[^"]+\.css)">', page)
    assert stylesheet is not None
    response = client.get(stylesheet.group(1))
    assert response.status_code == 200
    assert b".synthetic" in b"".join(response.streaming_content)

"""Who may see which page: every existing view, for the whole cast and an anonymous visitor.

Public pages and built reports are for everyone; the admin is for staff (the researcher).
"""

import pytest

from ..conftest import CAST, STAFF

pytestmark = pytest.mark.django_db

EVERYONE = [None, *CAST]


@pytest.mark.parametrize("who", EVERYONE)
def test_everyone_sees_the_start_page_with_the_response(wave, client_as, who):
    response = client_as(who).get("/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    assert "2 van 342 gemeenten hebben gereageerd" in response.content.decode()


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/rapport/2024/nl/", "text/html; charset=utf-8"),
        ("/rapport/2024/nl/report.pdf", "application/pdf"),
    ],
)
def test_everyone_may_download_a_built_report(built_report, client_as, who, path, content_type):
    response = client_as(who).get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert b"".join(response.streaming_content) == b"the report of 2024"


@pytest.mark.parametrize("who", EVERYONE)
def test_a_report_that_was_not_built_is_not_found_for_anyone(built_report, client_as, who):
    assert client_as(who).get("/rapport/2024/en/").status_code == 404
    assert client_as(who).get("/rapport/2023/nl/report.pdf").status_code == 404


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.parametrize("path", ["/rapport/2024/nl/", "/rapport/2024/nl/report.pdf"])
def test_a_report_of_a_wave_not_yet_published_is_only_for_researchers(
    report_in_embargo, client_as, who, path
):
    """The embargo: built, but until a researcher publishes the wave nobody else gets it,
    and the start page does not link it."""
    response = client_as(who).get(path)
    assert response.status_code == (200 if who in STAFF else 404)
    assert "/rapport/2024/" not in client_as(who).get("/").content.decode()


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/waves/wave/",
        "/admin/fieldwork/municipalresponse/",
        "/admin/fieldwork/namingconsent/",
        "/admin/fieldwork/namingconsent/add/",
        "/admin/municipalities/municipality/",
        "/admin/accounts/membership/",
        "/admin/auth/user/",
    ],
)
def test_only_staff_get_into_the_admin(wave, client_as, who, path):
    response = client_as(who).get(path)
    if who in STAFF:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")

"""A built report as a download: validators for caches (304), byte ranges (206, 416)."""

import pytest

from aimonitor.report.files import write_report_set

pytestmark = pytest.mark.django_db

PDF = "/rapport/2024/nl/report.pdf"


@pytest.fixture
def pdf(built_report):
    content = bytes(range(256)) * 40  # 10,240 bytes, every offset recognisable
    write_report_set({"report.html": b"the report", "report.pdf": content}, built_report)
    return content


def body(response):
    return b"".join(response.streaming_content)


def test_a_report_carries_validators_and_may_be_cached_only_when_checked_again(client, pdf):
    response = client.get(PDF)
    assert response.status_code == 200
    assert body(response) == pdf
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")
    assert response["Cache-Control"] == "public, no-cache"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(len(pdf))


def test_an_unchanged_report_is_not_sent_again(client, pdf):
    first = client.get(PDF)
    by_etag = client.get(PDF, HTTP_IF_NONE_MATCH=first["ETag"])
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_etag["ETag"] == first["ETag"]
    by_date = client.get(PDF, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304


def test_a_rebuilt_report_is_sent_again(client, pdf, built_report):
    first = client.get(PDF)
    rebuilt = {"report.html": b"the report", "report.pdf": b"the rebuilt report, of another length"}
    write_report_set(rebuilt, built_report)
    again = client.get(PDF, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert body(again) == b"the rebuilt report, of another length"


@pytest.mark.parametrize(
    ("wanted", "first", "last"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=10000-", 10000, 10239),
        ("bytes=-40", 10200, 10239),
        ("bytes=10200-99999", 10200, 10239),
    ],
)
def test_a_range_of_a_report_is_sent_as_partial_content(client, pdf, wanted, first, last):
    response = client.get(PDF, HTTP_RANGE=wanted)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/{len(pdf)}"
    assert response["Content-Length"] == str(last - first + 1)
    assert body(response) == pdf[first : last + 1]


def test_a_range_beyond_the_end_is_refused_with_the_size(client, pdf):
    response = client.get(PDF, HTTP_RANGE="bytes=20000-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(pdf)}"


def test_a_range_of_another_version_gives_the_whole_new_report(client, pdf):
    response = client.get(PDF, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"an-old-etag"')
    assert response.status_code == 200
    assert body(response) == pdf


def test_several_ranges_at_once_give_the_whole_report(client, pdf):
    response = client.get(PDF, HTTP_RANGE="bytes=0-9,20-29")
    assert response.status_code == 200
    assert body(response) == pdf


def test_the_report_html_has_its_own_content_security_policy(client, built_report):
    policy = client.get("/rapport/2024/nl/")["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src" not in policy  # no script at all: default-src 'none' applies
    assert "style-src 'unsafe-inline'" in policy

import sys

from django.test import RequestFactory
from django.views.debug import technical_500_response

PASSWORD = "hunter2-not-shown"
URL = f"postgres://monitor:{PASSWORD}@db.example.nl:5432/aimonitor"


def connect(conn_params: dict[str, object], url: str) -> None:
    raise ConnectionError(f"could not connect with {url}")


def test_the_debug_page_of_a_failed_connection_shows_no_password(settings):
    settings.DEBUG = True
    request = RequestFactory().get("/", DATABASE_URL=URL)
    try:
        connect({"host": "db.example.nl", "user": "monitor", "password": PASSWORD}, URL)
    except ConnectionError:
        page = technical_500_response(request, *sys.exc_info()).content.decode()
    assert "could not connect with" in page  # the page is the real debug page
    assert "db.example.nl" in page
    assert PASSWORD not in page

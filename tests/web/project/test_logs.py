import io
import json
import logging

import pytest

from aimonitor.web.project.config import ConfigurationError
from aimonitor.web.project.logs import JsonLinesFormatter, logging_settings

pytestmark = pytest.mark.django_db


def test_a_server_error_is_logged_with_its_traceback_as_one_json_line(client, monkeypatch):
    def broken() -> None:
        raise RuntimeError("the database said no (postgres://m:hunter2@db/x)")

    monkeypatch.setattr("aimonitor.web.public.views.read_waves_newest_first", broken)
    handler = next(h for h in logging.getLogger("django").handlers if h.name == "stderr")
    stream = io.StringIO()
    monkeypatch.setattr(handler, "stream", stream)
    client.raise_request_exception = False
    assert client.get("/").status_code == 500
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    errors = [line for line in lines if line["level"] == "ERROR"]
    assert len(errors) == 1
    assert errors[0]["logger"] == "django.request"
    assert errors[0]["status"] == 500
    assert errors[0]["path"] == "/"
    assert "Traceback (most recent call last)" in errors[0]["traceback"]
    assert "RuntimeError: the database said no" in errors[0]["traceback"]
    assert "hunter2" not in stream.getvalue()


def test_an_unknown_log_level_is_refused_with_the_variable_name():
    with pytest.raises(ConfigurationError, match="AIMONITOR_LOG_LEVEL='LOUD'"):
        logging_settings("loud")


def test_a_plain_record_becomes_a_line_of_json():
    record = logging.LogRecord("aimonitor", logging.INFO, __file__, 1, "built %s", ("2024",), None)
    line = json.loads(JsonLinesFormatter().format(record))
    assert (line["level"], line["logger"], line["message"]) == ("INFO", "aimonitor", "built 2024")

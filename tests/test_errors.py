import pytest

from aimonitor.errors import redact_credentials


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "postgres://monitor:hunter2@db.example.nl:5432/aimonitor",
            "postgres://monitor:***@db.example.nl:5432/aimonitor",
        ),
        (
            "DATABASE_URL='postgresql://monitor:p%40ss@10.0.0.1/x' cannot be parsed",
            "DATABASE_URL='postgresql://monitor:***@10.0.0.1/x' cannot be parsed",
        ),
        (
            "host=db user=monitor password=hunter2 dbname=x",
            "host=db user=monitor password=*** dbname=x",
        ),
    ],
)
def test_a_password_in_a_url_or_connection_string_is_replaced_by_stars(text, shown):
    assert redact_credentials(text) == shown


def test_urls_without_a_password_and_plain_text_are_left_as_they_are():
    for text in (
        "postgres://postgres@127.0.0.1:5432/test",
        "sqlite:////srv/aimonitor/var/aimonitor.sqlite3",
        "https://monitor.example.nl/rapport/2024/nl/",
        "cannot use the postgresql database nowhere on 127.0.0.1:1",
    ):
        assert redact_credentials(text) == text


def test_two_urls_in_one_message_are_both_redacted():
    text = "from mysql://a:one@h/x to postgres://b:two@h/y"
    assert redact_credentials(text) == "from mysql://a:***@h/x to postgres://b:***@h/y"

import re
from pathlib import Path

import pytest

from aimonitor.web.project import config

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def test_a_boolean_setting_that_is_not_a_boolean_is_refused_with_its_name(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(config.ConfigurationError, match=r"DEBUG='maybe' is not a boolean"):
        config.env_bool("DEBUG", False)


def test_production_without_a_secret_key_is_refused(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(config.ConfigurationError, match="SECRET_KEY must be set"):
        config.secret_key(production=True)


def test_development_gets_a_generated_secret_key_that_stays_the_same(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("AIMONITOR_VAR_DIR", str(tmp_path))
    first = config.secret_key(production=False)
    assert len(first) >= 50
    assert config.secret_key(production=False) == first


def test_an_unsupported_database_scheme_is_named_in_the_error():
    with pytest.raises(config.ConfigurationError, match=r"unsupported scheme 'mysql'"):
        config.database_settings("mysql://root@localhost/test")


def test_a_postgres_url_becomes_django_database_settings():
    settings = config.database_settings("postgres://postgres@127.0.0.1:5432/test")
    assert settings["ENGINE"] == "django.db.backends.postgresql"
    assert settings["NAME"] == "test"
    assert settings["HOST"] == "127.0.0.1"


def test_every_environment_variable_the_web_app_reads_is_documented():
    source = "\n".join(p.read_text() for p in (PROJECT_ROOT / "src/aimonitor").rglob("*.py"))
    read = set(re.findall(r'env_(?:str|bool|list|int)\("([A-Z_]+)"', source))
    read |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', source))
    read -= {"DJANGO_SETTINGS_MODULE"}
    documented = (PROJECT_ROOT / "docs/operations/configuration.md").read_text()
    missing = sorted(name for name in read if f"`{name}`" not in documented)
    assert read, "found no settings at all: the pattern above is out of date"
    assert missing == []


def test_the_development_secret_key_file_is_readable_by_its_owner_only(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("AIMONITOR_VAR_DIR", str(tmp_path))
    config.secret_key(production=False)
    assert (tmp_path / "dev-secret-key").stat().st_mode & 0o777 == 0o600


def test_a_world_readable_development_secret_key_is_made_private(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("AIMONITOR_VAR_DIR", str(tmp_path))
    key_file = tmp_path / "dev-secret-key"
    key_file.write_text("an-old-key-that-others-could-read")
    key_file.chmod(0o644)
    assert config.secret_key(production=False) == "an-old-key-that-others-could-read"
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_a_database_url_in_an_error_shows_no_password():
    with pytest.raises(config.ConfigurationError) as refused:
        config.database_settings("mysql://monitor:hunter2@db.example.nl/aimonitor")
    assert "hunter2" not in str(refused.value)
    assert "mysql://monitor:***@db.example.nl/aimonitor" in str(refused.value)


def test_a_number_setting_that_is_not_a_number_is_refused_with_its_name(monkeypatch):
    monkeypatch.setenv("SECURE_HSTS_SECONDS", "a year")
    with pytest.raises(config.ConfigurationError, match=r"HSTS_SECONDS='a year' is not a whole"):
        config.env_int("SECURE_HSTS_SECONDS", 0)

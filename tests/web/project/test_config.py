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
    read = set(re.findall(r'env_(?:str|bool|list)\("([A-Z_]+)"', source))
    read |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', source))
    read -= {"DJANGO_SETTINGS_MODULE"}
    documented = (PROJECT_ROOT / "docs/operations/configuration.md").read_text()
    missing = sorted(name for name in read if f"`{name}`" not in documented)
    assert read, "found no settings at all: the pattern above is out of date"
    assert missing == []

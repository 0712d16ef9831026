"""The read-only API of the published waves: what it answers, how it pages, filters and
caches, and that a wave under embargo does not exist for it, whoever asks."""

from __future__ import annotations

import csv
import io
import math

import pytest
from django.test import Client

from aimonitor.paths import data_dir
from aimonitor.questionnaire import load_questionnaire
from aimonitor.web.cli import main
from aimonitor.web.outputs.publish import forget_published

from ..conftest import CAST

pytestmark = pytest.mark.django_db

EVERYONE = [None, *CAST]


@pytest.fixture(autouse=True)
def _fresh_publications() -> None:
    """Each test's database reuses ids: no publication kept from another test."""
    forget_published()


@pytest.fixture
def estimates_csv(demo: None, tmp_path) -> str:
    """What ``aimonitor estimates --wave 2024`` writes: the export the API must agree with."""
    out = tmp_path / "estimates.csv"
    assert main(["estimates", "--wave", "2024", "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.split("\n", 1)[1])))


def test_the_published_waves_are_listed_newest_first(demo: None, client: Client) -> None:
    answer = client.get("/api/waves")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/json; charset=utf-8"
    waves = answer.json()
    assert [w["year"] for w in waves] == [2024, 2023]  # 2025 is closed, not published
    assert waves[0]["changes"] == "/api/waves/2024/changes"
    assert waves[1]["changes"] is None
    assert all(w["synthetic"] for w in waves)


def test_the_estimates_are_those_of_the_export(estimates_csv: str, client: Client) -> None:
    exported = _rows(estimates_csv)
    answer = client.get("/api/waves/2024/estimates", {"page_size": 1000})
    page = answer.json()
    assert page["count"] == len(exported)
    assert page["pages"] == math.ceil(len(exported) / 1000)
    assert page["synthetic"] is True
    assert "Synthetische demonstratiedata" in page["notice"]
    first = page["rows"][0]
    assert (first["variable"], first["option"], first["domain"]) == (
        exported[0]["variable"],
        exported[0]["option"],
        exported[0]["domain"],
    )
    row = next(
        r for r in page["rows"] if (r["variable"], r["option"], r["domain"]) == ("B1", "1", "all")
    )
    same = next(
        r for r in exported if (r["variable"], r["option"], r["domain"]) == ("B1", "1", "all")
    )
    assert f"{row['estimate']:.3f}" == same["estimate"]
    assert f"{row['ci_lower']:.3f}" == same["ci_lower"]
    assert str(row["n"]) == same["n"]


def test_as_csv_the_api_gives_the_export_itself(estimates_csv: str, client: Client) -> None:
    answer = client.get("/api/waves/2024/estimates", {"format": "csv"})
    assert answer.status_code == 200
    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert answer.content.decode() == estimates_csv


def test_filters_keep_only_the_rows_asked_for(demo: None, client: Client) -> None:
    page = client.get("/api/waves/2024/estimates", {"variable": "B1", "domain": "all"}).json()
    assert page["count"] > 0
    assert {(r["variable"], r["domain"]) for r in page["rows"]} == {("B1", "all")}
    text = client.get(
        "/api/waves/2024/estimates", {"variable": "B1", "domain": "all", "format": "csv"}
    ).content.decode()
    assert len(_rows(text)) == page["count"]
    assert client.get("/api/waves/2024/estimates", {"variable": "ZZ"}).json()["count"] == 0


def test_pages_follow_each_other_and_a_page_too_far_is_not_found(demo, client) -> None:
    first = client.get("/api/waves/2024/estimates", {"page_size": 10}).json()
    second = client.get("/api/waves/2024/estimates", {"page_size": 10, "page": 2}).json()
    assert first["pages"] == math.ceil(first["count"] / 10)
    both = client.get("/api/waves/2024/estimates", {"page_size": 20}).json()
    assert first["rows"] + second["rows"] == both["rows"]
    too_far = client.get("/api/waves/2024/estimates", {"page_size": 10, "page": 10_000})
    assert too_far.status_code == 404


MALFORMED = [
    {"page": "abc"},
    {"page": "0"},
    {"page": "-1"},
    {"page_size": "0"},
    {"page_size": "5000"},
    {"format": "xlsx"},
]


def test_a_malformed_query_is_a_clear_4xx(demo: None, client: Client) -> None:
    for query in MALFORMED:
        answer = client.get("/api/waves/2024/estimates", query)
        assert answer.status_code == 422, query
        assert answer["Content-Type"] == "application/json; charset=utf-8"
        assert answer.json()["detail"]


def test_an_unchanged_answer_is_not_sent_again(demo: None, client: Client) -> None:
    first = client.get("/api/waves/2024/estimates", {"variable": "B1"})
    etag = first["ETag"]
    again = client.get("/api/waves/2024/estimates", {"variable": "B1"}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    other = client.get("/api/waves/2024/estimates", {"variable": "B2"})
    assert other["ETag"] != etag
    assert "public" in first["Cache-Control"]


def test_the_changes_are_only_against_a_published_wave(frame, client: Client) -> None:
    """2024 is published while 2023 is still closed: a change against 2023 would give
    2023's figures away."""
    from ..conftest import MUNICIPALITY_A, MUNICIPALITY_B, make_wave, respond

    earlier = make_wave(2023)
    respond(earlier, [MUNICIPALITY_A, MUNICIPALITY_B])
    later = make_wave(2024)
    respond(later, [MUNICIPALITY_A, MUNICIPALITY_B])
    later.status = later.Status.PUBLISHED
    later.save()
    assert client.get("/api/waves/2024/estimates").status_code == 200
    assert client.get("/api/waves/2024/changes").status_code == 404
    assert client.get("/api/waves").json()[0]["changes"] is None
    assert client.get("/api/waves/2023/estimates").status_code == 404


def test_the_changes_since_the_previous_wave_carry_their_significance(demo, client) -> None:
    page = client.get("/api/waves/2024/changes", {"variable": "B1", "domain": "all"}).json()
    assert page["compared_with"] == 2023
    assert all(r["kind"] == "difference" for r in page["rows"])
    assert any(r["p_adjusted"] is not None for r in page["rows"])
    assert client.get("/api/waves/2023/changes").status_code == 404  # the first wave


def test_the_codebook_has_every_variable_in_the_language_asked(demo, client) -> None:
    questionnaire = load_questionnaire(data_dir() / "questionnaires" / "ai-monitor-2024.yaml")
    dutch = client.get("/api/waves/2024/codebook").json()
    english = client.get("/api/waves/2024/codebook", {"lang": "en"}).json()
    assert [e["variable"] for e in dutch] == [v.name for v in questionnaire.variables()]
    b1 = questionnaire.variable("B1")
    assert next(e for e in dutch if e["variable"] == "B1")["label"] == b1.label.nl
    assert next(e for e in english if e["variable"] == "B1")["label"] == b1.label.en
    assert client.get("/api/waves/2024/codebook", {"lang": "fr"}).status_code == 422


NOT_FOUND = [
    "/api/waves/2025/estimates",
    "/api/waves/2025/changes",
    "/api/waves/2025/codebook",
    "/api/waves/2031/estimates",
    "/api/waves/2024/nothing",
]


def test_a_wave_under_embargo_or_unknown_is_not_found_for_anyone(demo, client_as) -> None:
    """Every member of the cast and an anonymous visitor (one demo database for all: each
    costs seconds to build)."""
    for who in EVERYONE:
        client = client_as(who)
        for path in NOT_FOUND:
            answer = client.get(path)
            assert answer.status_code == 404, (who, path)
            assert b"Traceback" not in answer.content


def test_the_openapi_schema_describes_every_endpoint(client: Client) -> None:
    answer = client.get("/api/openapi.json")
    assert answer.status_code == 200
    schema = answer.json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/waves",
        "/api/waves/{year}/estimates",
        "/api/waves/{year}/changes",
        "/api/waves/{year}/codebook",
    }
    parameters = {
        p["name"] for p in schema["paths"]["/api/waves/{year}/estimates"]["get"]["parameters"]
    }
    assert {"year", "variable", "domain", "page", "page_size", "format"} <= parameters
    assert all(set(methods) == {"get"} for methods in schema["paths"].values())


def test_publishing_a_wave_opens_it_and_its_figures_are_estimated_once(
    demo: None, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aimonitor.web.outputs import publish
    from aimonitor.web.waves.models import Wave

    estimated: list[int] = []
    real = publish.publish

    def counting(waves: list, **kwargs: object) -> object:
        estimated.append(waves[-1].year)
        return real(waves, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(publish, "publish", counting)
    assert client.get("/api/waves/2025/estimates").status_code == 404
    wave = Wave.objects.get(year=2025)
    wave.status = Wave.Status.PUBLISHED
    wave.save()
    assert client.get("/api/waves/2025/estimates").status_code == 200
    assert client.get("/api/waves/2025/estimates", {"page": 2}).status_code == 200
    assert client.get("/api/waves/2025/codebook").status_code == 200
    assert estimated == [2025]
    assert client.get("/api/waves").json()[0]["year"] == 2025

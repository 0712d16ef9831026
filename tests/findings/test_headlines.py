"""A broken key-finding rules file is one clear line naming the file, never a traceback or
gigabytes of memory: it is read with the same bounded YAML reader as the questionnaire."""

from pathlib import Path

import pytest

from aimonitor.findings.headlines import HeadlineSpecError, load_headline_spec

HOSTILE = Path(__file__).parents[1] / "hostile"


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("alias-bomb.yaml", "aliases"),
        ("deeply-nested.yaml", "nested deeper than"),
        ("huge-integer.yaml", "cannot be read"),
    ],
)
def test_a_hostile_rules_file_is_refused_in_one_line(name: str, problem: str) -> None:
    with pytest.raises(HeadlineSpecError, match=problem) as caught:
        load_headline_spec(HOSTILE / name)
    message = str(caught.value)
    assert name in message
    assert "\n" not in message


def test_a_key_written_twice_is_refused_not_silently_dropped(tmp_path: Path) -> None:
    rules = tmp_path / "headlines.yaml"
    rules.write_text("size_class_phrases: {}\nheadlines: []\nheadlines: []\n", encoding="utf-8")
    with pytest.raises(HeadlineSpecError, match="appears twice"):
        load_headline_spec(rules)


def test_a_missing_rules_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(HeadlineSpecError, match="file not found"):
        load_headline_spec(tmp_path / "absent.yaml")

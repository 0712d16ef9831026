"""Top-k lists: sorted by estimate, ranks that cannot be told apart reported together."""

from __future__ import annotations

import pytest

from aimonitor.findings import FindingError, LabelledValue, Predicate, rank, ranking_finding
from aimonitor.i18n import Text

from .support import item

APPLICATIONS_ARE = Predicate(
    singular=Text(nl="De meest genoemde toepassing is", en="The most common application is"),
    plural=Text(nl="De meest genoemde toepassingen zijn", en="The most common applications are"),
)


def labels(items: tuple[LabelledValue, ...]) -> list[str]:
    return [entry.label.get("en") for entry in items]


def test_items_are_ranked_by_estimate_whatever_order_they_come_in() -> None:
    ranking = rank(
        [item("c", 0.20, se=0.01), item("a", 0.60, se=0.01), item("b", 0.40, se=0.01)], 3
    )
    assert labels(ranking.items) == ["a", "b", "c"]
    assert [group.rank for group in ranking.groups] == [1, 2, 3]


def test_close_items_form_one_group_that_is_reported_as_indistinguishable() -> None:
    items = [
        item("tekstanalyse", 0.62, se=0.03),
        item("begrijpelijke teksten", 0.60, se=0.03),
        item("notuleren", 0.58, se=0.03),
        item("chatbots", 0.30, se=0.03),
    ]
    finding = ranking_finding(items, 3, APPLICATIONS_ARE, "applications", "nl", show_values=False)
    assert finding.sentence == (
        "De meest genoemde toepassingen zijn tekstanalyse, begrijpelijke teksten en notuleren "
        "(niet onderling te onderscheiden)."
    )
    assert finding.rule == "ranking"
    assert [ref.option for ref in finding.references] == [
        "tekstanalyse",
        "begrijpelijke teksten",
        "notuleren",
    ]


def test_separate_groups_are_joined_with_followed_by_and_show_their_values() -> None:
    items = [item("A", 0.70, se=0.01), item("B", 0.50, se=0.02), item("C", 0.48, se=0.02)]
    finding = ranking_finding(items, 3, APPLICATIONS_ARE, "applications", "en")
    assert finding.sentence == (
        "The most common applications are A (70%), followed by B and C "
        "(50% and 48%; not distinguishable from one another)."
    )


def test_a_group_is_not_built_by_chaining_neighbours() -> None:
    # A-B and B-C differ by 5 points (not significant at se 0.02 each), A-C by 10 (significant).
    items = [item("A", 0.60), item("B", 0.55), item("C", 0.50)]
    ranking = rank(items, 3)
    assert [labels(group.items) for group in ranking.groups] == [["A", "B"], ["C"]]
    assert [group.rank for group in ranking.groups] == [1, 3]


def test_the_top_k_goes_on_while_the_next_item_cannot_be_told_from_the_kth() -> None:
    # B is the 2nd; C is 2 points below B (se 0.03 each: not significant) but in a group of
    # its own because it differs from A. A top two must not leave C out.
    items = [item("A", 0.70, se=0.03), item("B", 0.62, se=0.03), item("C", 0.60, se=0.03)]
    ranking = rank(items, 2)
    assert labels(ranking.items) == ["A", "B", "C"]
    assert ranking.extended


def test_exactly_tied_items_always_share_a_group_and_a_rank() -> None:
    # Alone, B would join A (wide interval) while C would not (narrow interval); tied, they
    # go together, in the order given.
    items = [item("A", 0.60, se=0.001), item("B", 0.58, se=0.05), item("C", 0.58, se=0.001)]
    ranking = rank(items, 3)
    assert [labels(group.items) for group in ranking.groups] == [["A"], ["B", "C"]]
    assert ranking.groups[1].rank == 2


def test_the_top_k_is_extended_to_the_end_of_the_group_of_the_kth_item() -> None:
    items = [item("A", 0.80, se=0.01), item("B", 0.50), item("C", 0.49), item("D", 0.10)]
    ranking = rank(items, 2)
    assert labels(ranking.items) == ["A", "B", "C"]
    assert ranking.extended


def test_fewer_items_than_k_lists_them_all_without_extension() -> None:
    ranking = rank([item("A", 0.8, se=0.01), item("B", 0.2, se=0.01)], 5)
    assert labels(ranking.items) == ["A", "B"]
    assert not ranking.extended


def test_a_single_listed_item_takes_the_singular_intro() -> None:
    items = [item("tekstanalyse", 0.80, se=0.01), item("notuleren", 0.40, se=0.01)]
    finding = ranking_finding(items, 1, APPLICATIONS_ARE, "applications", "nl")
    assert finding.sentence == "De meest genoemde toepassing is tekstanalyse (80%)."


def test_a_positive_covariance_can_separate_items_the_default_test_groups() -> None:
    # se 0.02 each: independent se of the difference 0.0283, half-width 0.055 > 0.05.
    # With covariance 0.0002 the se is 0.02, half-width 0.039 < 0.05: the default is
    # conservative for positively correlated items.
    items = [item("A", 0.55), item("B", 0.50)]
    assert len(rank(items, 2).groups) == 1
    assert len(rank(items, 2, covariance=lambda a, b: 0.0002).groups) == 2


def test_k_must_be_at_least_one() -> None:
    with pytest.raises(FindingError, match="at least 1"):
        rank([item("A", 0.5)], 0)


def test_a_ranking_sentence_needs_at_least_one_item() -> None:
    with pytest.raises(FindingError, match="at least one item"):
        ranking_finding([], 3, APPLICATIONS_ARE, "applications", "nl")

"""Evaluator tabs read as officers fill them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from addin.domain.evaluation_input import build_evaluator, read_moderation


@pytest.mark.parametrize(
    ("typed", "conflict"), [("Yes", True), ("y", True), (False, False), ("", None)]
)
def test_the_conflict_answer_reads_like_every_other_yes_no_cell(
    typed: object, conflict: bool | None
) -> None:
    declaration = [
        {"Field": "Evaluator", "Value": "A. Khan"},
        {"Field": "Conflict of interest", "Value": typed},
    ]
    assert build_evaluator(1, declaration, []).conflict is conflict


def test_moderation_rows_keep_the_text_typed() -> None:
    rows = [
        {
            "Supplier ID": "S1",
            "Criterion ID": "Q1",
            "Moderated score": "four",
            "Moderation rationale": "r",
        },
        {
            "Supplier ID": "S2",
            "Criterion ID": "Q1",
            "Moderated score": 3,
            "Moderation rationale": "r",
        },
        {"Supplier ID": None},
    ]
    first, second = read_moderation(rows)
    assert (first.score, first.raw_score) == (None, "four")
    assert (second.row, second.score) == (1, Decimal(3))

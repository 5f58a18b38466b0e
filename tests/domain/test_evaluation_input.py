"""Evaluator tabs read as officers fill them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from addin.domain.cells import as_text, parse_decimal
from addin.domain.evaluation import Mark, Moderation
from addin.domain.evaluation_input import build_evaluator, read_marks, read_moderation


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


cells = (
    st.none()
    | st.text(max_size=8)
    | st.sampled_from(["", " ", "4", " 3.50 ", "four", "£1,000", "12%", "1e3", "NaN", "-0"])
    | st.integers(-10, 10**20)
    | st.floats()
    | st.booleans()
    | st.decimals()
)
tab_rows = st.lists(
    st.fixed_dictionaries(
        {},
        optional={
            column: cells
            for column in ("Supplier ID", "Criterion ID", "Score", "Rationale", "Supplier name")
        },
    ),
    max_size=6,
)


def _same_model(fast: BaseModel, validated: BaseModel) -> None:
    assert fast == validated
    assert repr(fast) == repr(validated)
    assert fast.model_fields_set == validated.model_fields_set
    assert fast.model_dump() == validated.model_dump()
    assert hash(fast) == hash(validated)
    assert [type(v) for v in fast.__dict__.values()] == [
        type(v) for v in validated.__dict__.values()
    ]
    assert fast.model_copy(update={"rationale": "r"}) == validated.model_copy(
        update={"rationale": "r"}
    )


@settings(max_examples=300)
@given(tab_rows)
def test_marks_read_without_validation_equal_validated_marks(
    rows: list[dict[str, object]],
) -> None:
    """read_marks builds marks from values the cell readers already typed, skipping pydantic's
    validation: each must be the mark validation would have built from the same row."""
    validated = []
    for index, row in enumerate(rows):
        if not any(as_text(v) for v in row.values()):
            continue
        text = as_text(row.get("Score"))
        validated.append(
            Mark(
                evaluator="A. Khan",
                table="tblEval1",
                row=index,
                supplier_id=as_text(row.get("Supplier ID")),
                criterion_id=as_text(row.get("Criterion ID")),
                score=parse_decimal(row.get("Score")) if text else None,
                raw_score=text,
                rationale=as_text(row.get("Rationale")),
            )
        )
    marks = read_marks("tblEval1", "A. Khan", rows)
    assert len(marks) == len(validated)
    for fast, slow in zip(marks, validated, strict=True):
        _same_model(fast, slow)


@settings(max_examples=200)
@given(tab_rows)
def test_moderation_read_without_validation_equals_validated_rows(
    rows: list[dict[str, object]],
) -> None:
    renamed = [
        {
            {"Score": "Moderated score", "Rationale": "Moderation rationale"}.get(k, k): v
            for k, v in r.items()
        }
        for r in rows
    ]
    validated = [
        Moderation(
            row=index,
            supplier_id=as_text(row.get("Supplier ID")),
            criterion_id=as_text(row.get("Criterion ID")),
            score=parse_decimal(row.get("Moderated score"))
            if as_text(row.get("Moderated score"))
            else None,
            raw_score=as_text(row.get("Moderated score")),
            rationale=as_text(row.get("Moderation rationale")),
        )
        for index, row in enumerate(renamed)
        if as_text(row.get("Supplier ID"))
    ]
    read = read_moderation(renamed)
    assert len(read) == len(validated)
    for fast, slow in zip(read, validated, strict=True):
        _same_model(fast, slow)


@pytest.mark.parametrize("score", [float("inf"), float("-inf"), float("nan")])
def test_a_score_that_is_not_finite_is_no_number(score: float) -> None:
    """A float cell holding inf or nan (written by another program) is kept as its text, so
    the marks report SCORE_NOT_A_NUMBER at its cell instead of stopping the command."""
    (mark,) = read_marks("tblEval1", "A. Khan", [{"Supplier ID": "S1", "Score": score}])
    (moderated,) = read_moderation([{"Supplier ID": "S1", "Moderated score": score}])
    for row in (mark, moderated):
        assert row.score is None
        assert row.raw_score == str(score)

"""Evaluators' marks: every problem code at its exact cell, and how the used score is settled."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from addin.domain.evaluation import Evaluator, Moderation
from addin.domain.marks import RATIONALE_SEPARATOR
from addin.domain.models import CompetitionFile, Declaration, ModerationMethod, Role
from addin.domain.outcomes import EvaluationResult, Outcome, ScoreSource
from addin.domain.problems import FieldRef, Problem, Severity
from addin.domain.scoring import evaluate
from tests.domain.builders import (
    STANDARD_PRICES,
    STANDARD_SCORES,
    bid,
    bids_at,
    competition_file,
    evaluator,
    moderated,
    panel,
    row_of,
    standard,
    with_score,
)


def run(
    file: CompetitionFile, evaluators: list[Evaluator], moderation: list[Moderation] | None = None
) -> EvaluationResult:
    return evaluate(file, evaluators, moderation or [])


def only(result: EvaluationResult, code: str) -> Problem:
    found = [p for p in result.problems if p.code == code]
    assert len(found) == 1, [p.code for p in result.problems]
    return found[0]


def codes(result: EvaluationResult) -> list[str]:
    return [p.code for p in result.problems]


def score_cell(table: str, row: int) -> FieldRef:
    return FieldRef(table=table, row=row, column="Score")


def used(result: EvaluationResult, supplier_id: str, criterion_id: str) -> tuple[object, ...]:
    bid_result = result.bid(supplier_id)
    assert bid_result is not None
    c = next(c for c in bid_result.criteria if c.criterion_id == criterion_id)
    return c.score, c.source, c.rationale, c.points


# --- the clean case -------------------------------------------------------------------------


def test_unanimous_scores_are_used_with_both_rationales() -> None:
    file, evaluators = standard()
    result = run(file, evaluators)
    assert result.problems == ()
    score, source, rationale, points = used(result, "S1", "Q1")
    assert (score, source, points) == (4, ScoreSource.UNANIMOUS, 24)  # 4 / 5 × 30
    assert rationale == RATIONALE_SEPARATOR.join(
        ["Alice Ward: evidence for S1 on Q1", "Bob Singh: evidence for S1 on Q1"]
    )


def test_identical_rationales_are_quoted_once() -> None:
    file, _ = standard()
    same = {("S1", "Q1"): "Strong grasp of the brief."}
    evaluators = [
        evaluator(n, STANDARD_SCORES, rationales=same) for n in ("Alice Ward", "Bob Singh")
    ]
    assert used(run(file, evaluators), "S1", "Q1")[2] == "Strong grasp of the brief."


# --- problems on an evaluator's tab ----------------------------------------------------------


def test_blank_score() -> None:
    file, _ = standard()
    alice = evaluator("Alice Ward", with_score(STANDARD_SCORES, "S2", "Q2", None))
    result = run(file, [alice, evaluator("Bob Singh", STANDARD_SCORES)])
    problem = only(result, "SCORE_MISSING")
    assert problem.severity is Severity.ERROR
    assert problem.fields == (score_cell("tblEval1", row_of(alice, "S2", "Q2")),)
    assert problem.fields == (score_cell("tblEval1", 4),)  # S1 ×3 rows, then S2 Q1, S2 Q2
    assert "Alice Ward has not scored Beta Partners LLP (S2) on Q2" in problem.message
    # The bid is provisionally scored without it, and nothing may be awarded.
    assert used(result, "S2", "Q2")[:2] == (None, None)
    assert not result.awardable and result.sensitivity is None


def test_no_row_on_the_tab_points_at_the_first_row() -> None:
    file, _ = standard()
    scores = {sid: dict(row) for sid, row in STANDARD_SCORES.items()}
    del scores["S3"]["SV1"]
    result = run(file, [evaluator("Alice Ward", STANDARD_SCORES), evaluator("Bob Singh", scores)])
    problem = only(result, "SCORE_MISSING")
    assert problem.fields == (score_cell("tblEval2", 0),)
    assert "has no row for it" in problem.message


def test_score_not_a_number() -> None:
    file, _ = standard()
    bob = evaluator("Bob Singh", with_score(STANDARD_SCORES, "S1", "SV1", "abc"))
    result = run(file, [evaluator("Alice Ward", STANDARD_SCORES), bob])
    problem = only(result, "SCORE_NOT_A_NUMBER")
    assert problem.fields == (score_cell("tblEval2", 2),)
    assert '"abc"' in problem.message
    assert codes(result) == ["SCORE_NOT_A_NUMBER"]  # no NEEDS_MODERATION on top


def test_score_out_of_range_above_and_below() -> None:
    file, _ = standard()
    scores = with_score(with_score(STANDARD_SCORES, "S1", "Q1", 6), "S3", "Q2", -1)
    alice = evaluator("Alice Ward", scores)
    result = run(file, [alice, evaluator("Bob Singh", STANDARD_SCORES)])
    problems = [p for p in result.problems if p.code == "SCORE_OUT_OF_RANGE"]
    assert [p.fields for p in problems] == [
        (score_cell("tblEval1", 0),),
        (score_cell("tblEval1", 7),),
    ]
    assert "outside the scale 0 to 5" in problems[0].message
    # An unusable score is not used, so the minimum score on Q2 cannot exclude S3.
    s3 = result.bid("S3")
    assert s3 is not None and s3.outcome is Outcome.UNSUCCESSFUL


def test_decimal_score_within_range_is_accepted() -> None:
    file, _ = standard()
    scores = with_score(STANDARD_SCORES, "S1", "Q1", Decimal("3.5"))
    result = run(file, panel(scores))
    assert result.problems == ()
    assert used(result, "S1", "Q1")[3] == 21  # 3.5 / 5 × 30


def test_rationale_missing() -> None:
    file, _ = standard()
    alice = evaluator("Alice Ward", STANDARD_SCORES, rationales={("S3", "SV1"): "  "})
    result = run(file, [alice, evaluator("Bob Singh", STANDARD_SCORES)])
    problem = only(result, "RATIONALE_MISSING")
    assert problem.fields == (FieldRef(table="tblEval1", row=8, column="Rationale"),)
    # The score itself still counts; only the explanation is missing.
    assert used(result, "S3", "SV1")[0] == 2


def test_duplicate_rows_on_a_tab() -> None:
    file, _ = standard()
    alice = evaluator("Alice Ward", STANDARD_SCORES)
    extra = alice.marks[0].model_copy(update={"row": 9, "score": Decimal(1), "raw_score": "1"})
    alice = alice.model_copy(update={"marks": (*alice.marks, extra)})
    result = run(file, [alice, evaluator("Bob Singh", STANDARD_SCORES)])
    problem = only(result, "MARK_DUPLICATE")
    assert problem.fields == (score_cell("tblEval1", 0), score_cell("tblEval1", 9))
    assert used(result, "S1", "Q1")[0] == 4  # the first row is used


def test_marks_for_bids_not_evaluated_and_for_price_are_ignored() -> None:
    file = competition_file([*bids_at(STANDARD_PRICES), bid(3, "S4", None, received=False)])
    scores = {**STANDARD_SCORES, "S4": {"Q1": "abc"}, "S1": {**STANDARD_SCORES["S1"], "P1": 9}}
    result = run(file, panel(scores))
    assert result.problems == ()


# --- conflicts of interest -------------------------------------------------------------------


def test_conflict_of_interest_keeps_the_tab_but_not_the_marks() -> None:
    file, evaluators = standard()
    # Carol's scores disagree with everyone's; they must not trigger NEEDS_MODERATION.
    carol = evaluator(
        "Carol Jones",
        with_score(STANDARD_SCORES, "S1", "Q1", 0),
        conflict=True,
        conflict_date=date(2026, 3, 13),
    )
    declared = Declaration(
        row=3,
        name="Carol Jones",
        role=Role.EVALUATOR,
        conflict=True,
        details="Former director of S1",
        measures="Stood down from scoring; Alice and Bob score alone",
        declared_on=date(2026, 3, 13),
    )
    file = file.model_copy(update={"declarations": (declared,)})
    result = run(file, [*evaluators, carol])
    problem = only(result, "CONFLICT_OF_INTEREST")
    assert codes(result) == ["CONFLICT_OF_INTEREST"]
    assert problem.severity is Severity.WARNING
    assert problem.fields == (
        FieldRef(table="tblEval3", row="Conflict of interest", column="Value"),
    )
    assert "Carol Jones declared a conflict of interest on 13/03/2026" in problem.message
    assert "their tab and marks are kept" in problem.message
    assert used(result, "S1", "Q1")[0] == 4  # her 0 is not used
    assert result.awardable  # the measures are recorded: scoring goes on without her


def test_a_conflict_on_a_tab_needs_the_measures_on_declarations() -> None:
    file, evaluators = standard()
    carol = evaluator("Carol Jones", STANDARD_SCORES, conflict=True)
    result = run(file, [*evaluators, carol])
    problem = only(result, "CONFLICT_MEASURES_MISSING")
    assert problem.fields == (
        FieldRef(table="tblEval3", row="Conflict of interest", column="Value"),
    )
    assert "Record on the Declarations sheet" in problem.message
    assert not result.awardable
    listed = Declaration(row=0, name="carol jones ", role=Role.EVALUATOR, conflict=True)
    result = run(file.model_copy(update={"declarations": (listed,)}), [*evaluators, carol])
    assert only(result, "CONFLICT_MEASURES_MISSING").fields[1] == FieldRef(
        table="tblDeclarations", row=0, column="Measures taken"
    )


def test_conflict_not_declared_is_an_error_but_scores_count() -> None:
    file, _ = standard()
    bob = evaluator("Bob Singh", STANDARD_SCORES, conflict=None)
    result = run(file, [evaluator("Alice Ward", STANDARD_SCORES), bob])
    problem = only(result, "CONFLICT_NOT_DECLARED")
    assert problem.fields == (
        FieldRef(table="tblEval2", row="Conflict of interest", column="Value"),
    )
    assert codes(result) == ["CONFLICT_NOT_DECLARED"]
    assert result.winner_id == "S2" and not result.awardable


def test_no_evaluators_without_a_conflict() -> None:
    file, _ = standard()
    only_one = evaluator("Alice Ward", STANDARD_SCORES, conflict=True)
    result = run(file, [only_one])
    assert codes(result) == ["CONFLICT_OF_INTEREST", "NO_EVALUATORS", "CONFLICT_MEASURES_MISSING"]
    assert used(result, "S1", "Q1")[0] is None


# --- settling the used score -----------------------------------------------------------------


def test_disagreement_needs_moderation_naming_every_score_cell() -> None:
    file, _ = standard()
    alice = evaluator("Alice Ward", with_score(STANDARD_SCORES, "S1", "Q1", 3))
    bob = evaluator("Bob Singh", STANDARD_SCORES)
    result = run(file, [alice, bob])
    problem = only(result, "NEEDS_MODERATION")
    assert problem.fields == (score_cell("tblEval1", 0), score_cell("tblEval2", 0))
    assert "(Alice Ward 3, Bob Singh 4)" in problem.message
    assert used(result, "S1", "Q1")[:2] == (None, None)
    assert not result.awardable


def test_moderated_score_overrides_disagreement() -> None:
    file, _ = standard()
    alice = evaluator("Alice Ward", with_score(STANDARD_SCORES, "S1", "Q1", 3))
    agreed = moderated(0, "S1", "Q1", 4, "Agreed 4: the plan covers every ward.")
    result = run(file, [alice, evaluator("Bob Singh", STANDARD_SCORES)], [agreed])
    assert result.problems == ()
    assert used(result, "S1", "Q1") == (
        4,
        ScoreSource.MODERATED,
        "Agreed 4: the plan covers every ward.",
        24,
    )


def test_moderated_score_overrides_even_a_unanimous_one() -> None:
    file, evaluators = standard()
    agreed = moderated(0, "s1 ", "q1", 2, "On review, the approach ignores rural wards.")
    result = run(file, evaluators, [agreed])
    # S1 = 82 − 24 + 2 / 5 × 30 = 70: IDs match whatever their case and spaces.
    s1 = result.bid("S1")
    assert s1 is not None and s1.total == 70
    assert used(result, "S1", "Q1")[1] is ScoreSource.MODERATED


def test_average_method_uses_the_mean_of_the_evaluators() -> None:
    file = competition_file(bids_at(STANDARD_PRICES), moderation_method=ModerationMethod.AVERAGE)
    # Alice 3, Bob 4, Carol 4 on S1 Q1: mean 11/3; points 11/3 ÷ 5 × 30 = 22.
    alice = evaluator("Alice Ward", with_score(STANDARD_SCORES, "S1", "Q1", 3))
    others = [evaluator(n, STANDARD_SCORES) for n in ("Bob Singh", "Carol Jones")]
    result = run(file, [alice, *others])
    assert result.problems == ()
    score, source, _, points = used(result, "S1", "Q1")
    assert (score, source, points) == (Fraction(11, 3), ScoreSource.AVERAGE, 22)
    s1 = result.bid("S1")
    assert s1 is not None and s1.total == 80  # 22 + 16 + 6 + 36


def test_moderation_row_without_a_score_is_not_a_moderation() -> None:
    file, evaluators = standard()
    note = moderated(0, "S1", "Q1", None, "Discussed; no change.")
    assert run(file, evaluators, [note]).problems == ()


def test_moderated_score_problems() -> None:
    file, evaluators = standard()
    rows = [
        moderated(0, "S1", "Q1", "four", "Agreed."),
        moderated(1, "S2", "Q1", 7, "Agreed."),
        moderated(2, "S3", "Q1", 3, ""),
        moderated(3, "S3", "SV1", 2, "Agreed."),
        moderated(4, "S3", "SV1", 3, "Agreed again."),
    ]
    result = run(file, evaluators, rows)

    def agreed(row: int, column: str = "Moderated score") -> FieldRef:
        return FieldRef(table="tblModeration", row=row, column=column)

    assert only(result, "MODERATION_SCORE_NOT_A_NUMBER").fields == (agreed(0),)
    assert only(result, "MODERATION_SCORE_OUT_OF_RANGE").fields == (agreed(1),)
    assert only(result, "MODERATION_RATIONALE_MISSING").fields == (
        agreed(2, "Moderation rationale"),
    )
    assert only(result, "MODERATION_DUPLICATE").fields == (agreed(3), agreed(4))
    # Unusable moderated scores leave no score (rather than falling back to the evaluators').
    assert used(result, "S1", "Q1")[0] is None
    assert used(result, "S2", "Q1")[0] is None
    assert used(result, "S3", "Q1")[0] == 3  # usable; only its rationale is missing
    assert used(result, "S3", "SV1")[0] == 2

"""Points, exclusions, ranking and outcomes: exact totals on cases worked by hand, and properties.

Unless a test says otherwise it uses the standard competition of tests/domain/builders.py:
Q1 30 %, Q2 20 % (minimum 2), SV1 10 %, all out of 5; Price 40 %.
"""

from __future__ import annotations

import random
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from addin.domain.evaluation import Evaluator, evaluable_bids, not_evaluated_reason
from addin.domain.models import Category, CompetitionFile, PriceMethod
from addin.domain.outcomes import BidResult, EvaluationResult, Outcome
from addin.domain.problems import FieldRef, Severity, has_errors
from addin.domain.scoring import evaluate, price_points
from tests.domain.builders import (
    CLOSING,
    STANDARD_PRICES,
    STANDARD_SCORES,
    bid,
    bids_at,
    competition_file,
    competitions,
    criterion,
    panel,
    standard,
    with_score,
)


def result_of(file: CompetitionFile, evaluators: list[Evaluator], **kw: str) -> EvaluationResult:
    return evaluate(file, evaluators, [], **kw)


def bid_result(result: EvaluationResult, supplier_id: str) -> BidResult:
    found = result.bid(supplier_id)
    assert found is not None
    return found


def totals(result: EvaluationResult) -> dict[str, Fraction]:
    return {b.supplier_id: b.total for b in result.bids}


def ranks(result: EvaluationResult) -> dict[str, int | None]:
    return {b.supplier_id: b.rank for b in result.bids}


def codes(result: EvaluationResult) -> list[str]:
    return [p.code for p in result.problems]


def bids_ref(row: int, column: str) -> FieldRef:
    return FieldRef(table="tblBids", row=row, column=column)


# --- exact totals, worked by hand ------------------------------------------------------------


def test_lowest_price_totals() -> None:
    file, evaluators = standard()
    result = result_of(file, evaluators)
    # Lowest price £36,000 (S3). Points = score ÷ 5 × weight; price = 40 × 36,000 ÷ price.
    # S1: Q 4/5×30 + 4/5×20 = 24 + 16 = 40; SV 3/5×10 = 6;  price 40×36/40 = 36   → 82
    # S2: Q 30 + 20 = 50;                    SV 10;          price 40×36/50 = 28.8 → 88.8
    # S3: Q 3/5×30 + 2/5×20 = 18 + 8 = 26;   SV 4;           price 40             → 70
    assert totals(result) == {"S2": Fraction("88.8"), "S1": 82, "S3": 70}
    s1 = bid_result(result, "S1")
    assert (s1.quality, s1.social_value, s1.price_points) == (40, 6, 36)
    assert ranks(result) == {"S2": 1, "S1": 2, "S3": 3}
    assert [b.supplier_id for b in result.bids] == ["S2", "S1", "S3"]
    assert result.winner_id == "S2" and result.awardable
    assert bid_result(result, "S2").outcome is Outcome.WINNER
    assert bid_result(result, "S2").reason == "Highest total score: 88.80 points"
    assert s1.outcome is Outcome.UNSUCCESSFUL
    assert s1.reason == "Ranked 2 of 3 with 82.00 points; the winning bid scored 88.80"
    # S3 is exactly 20 % below the others' mean (£45,000): not *more* than 20 %, so no warning.
    assert result.problems == ()


def test_linear_totals() -> None:
    file, evaluators = standard(price_method=PriceMethod.LINEAR)
    result = result_of(file, evaluators)
    # Price = 40 × (1 − (P − 36,000) ÷ 36,000)
    # S1: 40 × (1 − 4,000/36,000) = 40 × 8/9 = 320/9;   total 46 + 320/9 = 734/9 (81.56)
    # S2: 40 × (1 − 14,000/36,000) = 40 × 11/18 = 220/9; total 60 + 220/9 = 760/9 (84.44)
    # S3: 40;                                           total 30 + 40 = 70
    assert totals(result) == {"S2": Fraction(760, 9), "S1": Fraction(734, 9), "S3": 70}
    assert bid_result(result, "S1").price_points == Fraction(320, 9)
    assert result.winner_id == "S2"


def test_linear_price_points_never_go_below_zero() -> None:
    # £80,000 against a lowest of £36,000: 1 − 44/36 < 0, so 0 points rather than negative.
    assert price_points(Decimal(80000), Fraction(36000), Fraction(40), PriceMethod.LINEAR) == 0
    assert price_points(Decimal(72000), Fraction(36000), Fraction(40), PriceMethod.LINEAR) == 0
    assert (
        price_points(Decimal(72000), Fraction(36000), Fraction(40), PriceMethod.LOWEST_PRICE) == 20
    )


def test_exclusion_below_a_minimum_score_and_lowest_price_without_it() -> None:
    file, _ = standard()
    result = result_of(file, panel(with_score(STANDARD_SCORES, "S3", "Q2", 1)))
    s3 = bid_result(result, "S3")
    assert s3.outcome is Outcome.REJECTED and s3.rank is None
    assert s3.reason == "Scored 1 on Q2 (Approach to co-design), below the minimum score of 2"
    # S3 keeps its quality points on record (18 + 4, SV 4) but gets no price points.
    assert (s3.quality, s3.social_value, s3.price_points, s3.total) == (22, 4, 0, 26)
    # Lowest price is now S1's £40,000: S1 46 + 40 = 86; S2 60 + 40 × 40/50 = 60 + 32 = 92.
    assert totals(result) == {"S2": 92, "S1": 86, "S3": 26}
    assert [b.supplier_id for b in result.bids] == ["S2", "S1", "S3"]
    assert ranks(result) == {"S2": 1, "S1": 2, "S3": None}
    assert result.problems == ()


def test_single_bidder_gets_full_price_points() -> None:
    file = competition_file(
        [
            bid(0, "S1", 40000),
            bid(1, "S2", None, received=False),
            bid(2, "S3", None, received=False),
        ]
    )
    result = result_of(file, panel(STANDARD_SCORES))
    # S1 is the lowest price by itself: 40 × 40,000 ÷ 40,000 = 40; total 46 + 40 = 86.
    s1 = bid_result(result, "S1")
    assert (s1.price_points, s1.total, s1.rank, s1.outcome) == (40, 86, 1, Outcome.WINNER)
    assert result.problems == ()


def test_bids_not_evaluated_get_their_exact_reason() -> None:
    file = competition_file(
        [
            bid(0, "S1", 40000),
            bid(1, "S2", 30000, received_at=datetime(2026, 3, 12, 14, 5)),
            bid(2, "S3", 30000, compliant=False, notes="Pricing schedule not returned"),
            bid(3, "S4", None, received=False),
            bid(4, "S5", None, invited=False, received=False),
            bid(5, "S6", 30000, compliant=False),
        ]
    )
    result = result_of(file, panel(STANDARD_SCORES))
    assert [b.supplier_id for b in evaluable_bids(file)] == ["S1"]
    assert {b.supplier_id: b.reason for b in result.bids if b.outcome is Outcome.NOT_EVALUATED} == {
        "S2": "Bid received at 14:05 on 12 March 2026 (UK time), 2 hours and 5 minutes after "
        "the 12:00 closing time on 12 March 2026",
        "S3": "Bid judged non-compliant: Pricing schedule not returned",
        "S4": "No bid received",
        "S5": "Supplier was not invited",
        "S6": "Bid judged non-compliant",
    }
    assert [b.supplier_id for b in result.bids] == ["S1", "S2", "S3", "S4", "S5", "S6"]
    s2 = bid_result(result, "S2")
    assert (s2.rank, s2.total, s2.criteria) == (None, 0, ())
    # The late, cheaper bids do not set the lowest price: S1 gets the full 40.
    assert bid_result(result, "S1").total == 86
    # S6's letter could not say why it was non-compliant.
    (missing,) = result.problems
    assert (missing.code, missing.fields) == ("COMPLIANCE_REASON_MISSING", (bids_ref(5, "Notes"),))


def test_a_bid_received_exactly_at_the_closing_time_is_on_time() -> None:
    on_the_dot = bid(0, "S1", 40000, received_at=CLOSING)
    assert not_evaluated_reason(on_the_dot, competition_file([on_the_dot]).competition) is None


def test_what_the_bids_table_must_record() -> None:
    file = competition_file(
        [
            bid(0, "S1", 40000, received_at=None),
            bid(1, "S2", 50000, compliant=None),
            bid(2, "S3", None),
            bid(3, "S4", 0),
        ]
    )
    scores = {**STANDARD_SCORES, "S4": STANDARD_SCORES["S3"]}
    result = result_of(file, panel(scores))
    assert {p.code: p.fields for p in result.problems} == {
        "RECEIVED_AT_MISSING": (bids_ref(0, "Received at"),),
        "COMPLIANCE_NOT_RECORDED": (bids_ref(1, "Compliant"),),
        "PRICE_MISSING": (bids_ref(2, "Price"),),
        "PRICE_NOT_POSITIVE": (bids_ref(3, "Price"),),
    }
    # Time unknown: still evaluated (provisionally). Compliance unknown: not evaluated.
    assert bid_result(result, "S1").rank is not None
    assert bid_result(result, "S2").reason == "Compliance not recorded"
    assert bid_result(result, "S3").price_points == 0
    assert not result.awardable


# --- ties --------------------------------------------------------------------------------------


def test_equal_totals_are_broken_by_quality_and_social_value() -> None:
    file = competition_file(bids_at({"S1": 40000, "S2": 32000, "S3": 36000}))
    scores = {
        "S1": {"Q1": 5, "Q2": 5, "SV1": 2},  # 30 + 20 + 4 = 54; price 40 × 32/40 = 32 → 86
        "S2": {"Q1": 5, "Q2": 3, "SV1": 2},  # 30 + 12 + 4 = 46; price 40             → 86
        "S3": {"Q1": 3, "Q2": 3, "SV1": 3},  # 18 + 12 + 6 = 36; price 40 × 32/36     → 644/9
    }
    result = result_of(file, panel(scores))
    assert totals(result) == {"S1": 86, "S2": 86, "S3": Fraction(644, 9)}
    assert ranks(result) == {"S1": 1, "S2": 2, "S3": 3}
    assert result.winner_id == "S1"
    assert bid_result(result, "S1").reason == (
        "Equal highest total score (86.00 points); ranked first on the higher Quality and "
        "Social Value points (54.00)"
    )
    assert not has_errors(result.problems)


def _tied_pair() -> CompetitionFile:
    # S1 and S2 bid the same price with the same scores: 46 + 40 × 36/40 = 82 each; S3 70.
    return competition_file(bids_at({"S1": 40000, "S2": 40000, "S3": 36000}))


TIED_SCORES = {**STANDARD_SCORES, "S2": STANDARD_SCORES["S1"]}


def test_tie_for_first_place_means_no_winner() -> None:
    result = result_of(_tied_pair(), panel(TIED_SCORES))
    problem = next(p for p in result.problems if p.code == "TIE_FOR_FIRST")
    assert problem.severity is Severity.ERROR
    assert problem.fields == (bids_ref(0, "Supplier ID"), bids_ref(1, "Supplier ID"))
    assert "tie for first place on 82.00 points" in problem.message
    assert result.winner_id is None and result.winner is None and result.sensitivity is None
    assert ranks(result) == {"S1": 1, "S2": 1, "S3": 3}
    assert {b.outcome for b in result.bids} == {Outcome.UNSUCCESSFUL}
    assert bid_result(result, "S2").reason == (
        "Tied for first place on 82.00 points; no winner until the tie is resolved"
    )


def test_a_recorded_tie_break_decision_names_the_winner() -> None:
    result = result_of(_tied_pair(), panel(TIED_SCORES), tie_break="s2")
    assert result.winner_id == "S2"
    assert ranks(result) == {"S2": 1, "S1": 2, "S3": 3}
    s2 = bid_result(result, "S2")
    assert s2.outcome is Outcome.WINNER
    assert s2.notes == "Won on the recorded tie-break decision"
    s1 = bid_result(result, "S1")
    assert (s1.outcome, s1.reason) == (Outcome.UNSUCCESSFUL, "Tied for first place on 82.00 points")
    assert s1.notes == "Lost on the recorded tie-break decision"
    assert result.problems == ()


def test_a_tie_break_naming_a_bidder_outside_the_tie_does_not_decide_it() -> None:
    result = result_of(_tied_pair(), panel(TIED_SCORES), tie_break="S3")
    assert result.winner_id is None
    problem = next(p for p in result.problems if p.code == "TIE_FOR_FIRST")
    assert "names S3, who is not one of them" in problem.message


def test_a_tie_break_without_a_tie_is_reported_unused() -> None:
    file, evaluators = standard()
    result = result_of(file, evaluators, tie_break="S1")
    assert result.winner_id == "S2"
    assert codes(result) == ["TIE_BREAK_NOT_USED"]


def test_equal_ranks_below_first() -> None:
    file = competition_file(bids_at({"S1": 40000, "S2": 50000, "S3": 36000, "S4": 40000}))
    result = result_of(file, panel({**STANDARD_SCORES, "S4": STANDARD_SCORES["S1"]}))
    # S2 88.8; S1 and S4 82 each; S3 70: competition ranking 1, 2, 2, 4.
    assert ranks(result) == {"S2": 1, "S1": 2, "S4": 2, "S3": 4}
    assert [b.supplier_id for b in result.bids] == ["S2", "S1", "S4", "S3"]
    assert bid_result(result, "S1").notes == "Ranked equal with Delta Research Ltd (S4)"
    assert result.winner_id == "S2"


def test_totals_equal_only_in_exact_arithmetic() -> None:
    criteria = (
        criterion(0, "Q1", Category.QUALITY, "25"),
        criterion(1, "Q2", Category.QUALITY, "33.3"),
        criterion(2, "P1", Category.PRICE, "41.7"),
    )
    file = competition_file(bids_at({"S1": 40000, "S2": 50000}), criteria)
    scores = {"S1": {"Q1": 1, "Q2": 2}, "S2": {"Q1": 4, "Q2": 1}}
    # S1: 1/5×25 + 2/5×33.3 = 5 + 13.32 = 18.32; price 41.7          → 60.02
    # S2: 4/5×25 + 1/5×33.3 = 20 + 6.66 = 26.66; price 41.7 × 40/50 = 33.36 → 60.02
    # In floats S1 comes out ahead, and would wrongly win on a spurious 0.000000000000004:
    floats = (1 / 5 * 25 + 2 / 5 * 33.3 + 41.7, 4 / 5 * 25 + 1 / 5 * 33.3 + 41.7 * 40000 / 50000)
    assert floats[0] > floats[1]
    result = result_of(file, panel(scores))
    assert totals(result) == {"S1": Fraction("60.02"), "S2": Fraction("60.02")}
    # Exactly equal totals: S2 wins on the higher Quality + Social Value points (26.66 > 18.32).
    assert result.winner_id == "S2"
    assert ranks(result) == {"S2": 1, "S1": 2}


def test_no_bid_ranked_when_every_bid_falls_below_a_minimum() -> None:
    file, _ = standard()
    scores = {sid: {**row, "Q2": 1} for sid, row in STANDARD_SCORES.items()}
    result = result_of(file, panel(scores))
    assert {b.outcome for b in result.bids} == {Outcome.REJECTED}
    assert codes(result) == ["NO_BID_RANKED"]
    assert result.winner_id is None and result.sensitivity is None


def test_no_bid_ranked_when_no_bid_is_evaluated() -> None:
    file = competition_file([bid(0, "S1", None, received=False)])
    result = result_of(file, [])
    assert codes(result) == ["NO_BID_RANKED"]
    assert "no bid could be evaluated" in result.problems[0].message


# --- abnormally low prices (reg. 69) -----------------------------------------------------------


def test_abnormally_low_price() -> None:
    file = competition_file(bids_at({**STANDARD_PRICES, "S3": 35999}))
    result = result_of(file, panel(STANDARD_SCORES))
    # Mean of the others: (40,000 + 50,000) ÷ 2 = 45,000; 80 % of it is 36,000 > 35,999.
    problem = next(p for p in result.problems if p.code == "ABNORMALLY_LOW_PRICE")
    assert problem.severity is Severity.WARNING
    assert problem.fields == (
        bids_ref(2, "Price"),
        bids_ref(2, "Low price explanation requested"),
        bids_ref(2, "Low price decision"),
        bids_ref(2, "Low price reasons"),
    )
    assert "reg. 69" in problem.message and "before any rejection" in problem.message
    assert "£35,999 is 20.0 % below the mean of the other bids (£45,000)" in problem.message
    assert "abnormally low" in bid_result(result, "S3").notes.lower()
    assert codes(result).count("ABNORMALLY_LOW_PRICE") == 1


# --- properties ----------------------------------------------------------------------------------


def summary(result: EvaluationResult) -> tuple[object, ...]:
    per_bid = {
        b.supplier_id: (b.outcome, b.rank, b.total, b.quality, b.social_value, b.price_points)
        for b in result.bids
    }
    return per_bid, result.winner_id, sorted(codes(result))


@settings(max_examples=60, deadline=None)
@given(competitions())
def test_totals_are_within_0_and_100(case: tuple[CompetitionFile, list[Evaluator]]) -> None:
    file, evaluators = case
    result = evaluate(file, evaluators, [])
    assert set(codes(result)) <= {
        "TIE_FOR_FIRST",
        "ABNORMALLY_LOW_PRICE",
        "RESULT_SENSITIVE",
        "NO_BID_RANKED",
    }
    for b in result.bids:
        assert 0 <= b.total <= 100
        assert b.total == b.quality + b.social_value + b.price_points


@settings(max_examples=40, deadline=None)
@given(competitions(), st.randoms(use_true_random=False))
def test_ranking_does_not_depend_on_row_order(
    case: tuple[CompetitionFile, list[Evaluator]], rng: random.Random
) -> None:
    file, evaluators = case
    bids = list(file.bids)
    rng.shuffle(bids)
    shuffled = []
    for ev in reversed(evaluators):
        marks = list(ev.marks)
        rng.shuffle(marks)
        shuffled.append(ev.model_copy(update={"marks": tuple(marks)}))
    reordered = file.model_copy(update={"bids": tuple(bids)})
    assert summary(evaluate(reordered, shuffled, [])) == summary(evaluate(file, evaluators, []))


@settings(max_examples=40, deadline=None)
@given(competitions(), st.integers(1, 100_000))
def test_scaling_every_price_leaves_lowest_price_points_unchanged(
    case: tuple[CompetitionFile, list[Evaluator]], hundredths: int
) -> None:
    file, evaluators = case
    file = file.model_copy(
        update={
            "competition": file.competition.model_copy(
                update={"price_method": PriceMethod.LOWEST_PRICE}
            )
        }
    )
    factor = Decimal(hundredths) / 100
    scaled = file.model_copy(
        update={"bids": tuple(b.model_copy(update={"price": b.price * factor}) for b in file.bids)}
    )
    before, after = evaluate(file, evaluators, []), evaluate(scaled, evaluators, [])
    assert {b.supplier_id: b.price_points for b in after.bids} == {
        b.supplier_id: b.price_points for b in before.bids
    }
    assert ranks(after) == ranks(before) and after.winner_id == before.winner_id

"""Would the winner change under the other price method, or with one weight moved 5 points?"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import assume, given, settings

from addin.domain.evaluation import Evaluator
from addin.domain.models import Category, CompetitionFile, PriceMethod
from addin.domain.outcomes import EvaluationResult, Scenario, SensitivityReport
from addin.domain.problems import FieldRef, Problem, Severity
from addin.domain.scoring import evaluate
from tests.domain.builders import (
    STANDARD_SCORES,
    bids_at,
    competition_file,
    competitions,
    criterion,
    evaluator,
    panel,
    standard,
    standard_criteria,
    with_score,
)

LINEAR_INSTEAD = "Price scored by Linear instead of Lowest price"


def report_of(result: EvaluationResult) -> SensitivityReport:
    assert result.sensitivity is not None
    return result.sensitivity


def sensitive(result: EvaluationResult) -> Problem | None:
    return next((p for p in result.problems if p.code == "RESULT_SENSITIVE"), None)


def weights_of(scenario: Scenario) -> dict[str, Fraction]:
    return dict(scenario.weights)


def test_a_clear_result_is_not_sensitive() -> None:
    file, evaluators = standard()
    result = evaluate(file, evaluators, [])
    report = report_of(result)
    # The method, then +5 and −5 on each of the four criteria.
    assert len(report.scenarios) == 9
    assert report.scenarios[0].description == LINEAR_INSTEAD
    assert report.scenarios[0].price_method is PriceMethod.LINEAR
    assert not report.is_sensitive and sensitive(result) is None
    for scenario in report.scenarios:
        assert sum(weights_of(scenario).values()) == 100
    q1_up = report.scenarios[1]
    assert (q1_up.criterion_id, q1_up.step) == ("Q1", 5)
    # 35, 20, 10, 40 total 105; re-scaled: Q1 = 35 × 100 / 105 = 100/3.
    assert weights_of(q1_up)["Q1"] == Fraction(100, 3)
    assert q1_up.description == "Q1 weight 30 % → 35 %, all weights then re-scaled to total 100 %"


def test_without_what_ifs_the_result_is_the_same_without_the_warning() -> None:
    file, evaluators = _method_sensitive()
    full, bare = evaluate(file, evaluators, []), evaluate(file, evaluators, [], what_ifs=False)
    assert sensitive(full) is not None  # the scenarios warn the officer...
    assert bare.sensitivity is None and sensitive(bare) is None  # ...and only they do:
    assert bare.bids == full.bids and bare.winner_id == full.winner_id
    assert bare.awardable == full.awardable
    assert [p for p in full.problems if p.code != "RESULT_SENSITIVE"] == list(bare.problems)


def _method_sensitive() -> tuple[CompetitionFile, list[Evaluator]]:
    criteria = standard_criteria(q1=30, q2=15, sv1=10, price=45)
    file = competition_file(bids_at({"S1": 40000, "S2": 50000}), criteria)
    scores = {
        "S1": {"Q1": 3, "Q2": 3, "SV1": 3},  # 18 + 9 + 6 = 33
        "S2": {"Q1": 5, "Q2": 3, "SV1": 2},  # 30 + 9 + 4 = 43
    }
    return file, panel(scores)


def test_the_price_method_and_one_weight_change_the_winner() -> None:
    file, evaluators = _method_sensitive()
    result = evaluate(file, evaluators, [])
    # Lowest price: S1 33 + 45 = 78;  S2 43 + 45 × 40/50 = 43 + 36 = 79        → S2 wins.
    # Linear:       S1 78;            S2 43 + 45 × (1 − 10/40) = 43 + 33.75 = 76.75 → S1.
    # Q1 25 (others as published; re-scaling by 100/95 changes no order):
    #               S1 15 + 9 + 6 + 45 = 75;  S2 25 + 9 + 4 + 36 = 74            → S1.
    # Price 50:     S1 83;  S2 43 + 40 = 83: equal totals, S2 higher Q + SV       → S2 still.
    # SV1 15:       S1 18 + 9 + 9 + 45 = 81;  S2 30 + 9 + 6 + 36 = 81, S2 on Q+SV → S2 still.
    assert result.winner_id == "S2"
    report = report_of(result)
    assert [(s.description, s.winner_id) for s in report.changed] == [
        (LINEAR_INSTEAD, "S1"),
        ("Q1 weight 30 % → 25 %, all weights then re-scaled to total 100 %", "S1"),
    ]
    q1_down = report.changed[1]
    assert weights_of(q1_down) == {
        "Q1": Fraction(500, 19),
        "Q2": Fraction(300, 19),
        "SV1": Fraction(200, 19),
        "P1": Fraction(900, 19),
    }
    problem = sensitive(result)
    assert problem is not None and problem.severity is Severity.WARNING
    assert problem.fields == (
        FieldRef(table="tblCompetition", row="Price scoring method", column="Value"),
        FieldRef(table="tblCriteria", row=0, column="Weight %"),
    )
    assert "Beta Partners LLP (S2) wins as published" in problem.message
    assert f"{LINEAR_INSTEAD}: Acme Consulting Ltd (S1) would win" in problem.message
    assert "2 of 9 what-ifs" in problem.message
    # A warning: the published method stands, and the award can go ahead.
    assert result.problems == (problem,) and result.awardable


def test_a_social_value_weight_change_alone_changes_the_winner() -> None:
    file = competition_file(bids_at({"S1": 40000, "S2": 44000}))
    scores = {
        "S1": {"Q1": 5, "Q2": 4, "SV1": 1},  # 30 + 16 + 2 = 48; price 40          → 88
        "S2": {"Q1": 4, "Q2": 4, "SV1": 5},  # 24 + 16 + 10 = 50; price 40 × 40/44 → 950/11
    }
    result = evaluate(file, panel(scores), [])
    # SV1 15 (total 105): S1 30 + 16 + 3 + 40 = 89; S2 24 + 16 + 15 + 400/11 = 1005/11 (91.36).
    assert result.winner_id == "S1"
    (changed,) = report_of(result).changed
    assert (changed.criterion_id, changed.step, changed.winner_id) == ("SV1", 5, "S2")
    assert weights_of(changed)["SV1"] == Fraction(100, 7)  # 15 × 100 / 105
    problem = sensitive(result)
    assert problem is not None
    assert problem.fields == (FieldRef(table="tblCriteria", row=2, column="Weight %"),)


def test_a_scenario_that_ties_first_place_counts_as_a_change() -> None:
    file = competition_file(bids_at({"S1": 40000, "S2": 40000}))
    scores = {
        "S1": {"Q1": 5, "Q2": 3, "SV1": 1},  # 30 + 12 + 2 = 44, + 40 = 84
        "S2": {"Q1": 4, "Q2": 3, "SV1": 3},  # 24 + 12 + 6 = 42, + 40 = 82
    }
    result = evaluate(file, panel(scores), [])
    # SV1 15: S1 30 + 12 + 3 = 45, S2 24 + 12 + 9 = 45, same price points: a dead heat.
    (changed,) = report_of(result).changed
    assert (changed.criterion_id, changed.winner_id, changed.changes_winner) == ("SV1", None, True)
    problem = sensitive(result)
    assert problem is not None and "first place would be tied" in problem.message


def test_weights_are_floored_at_zero_and_unchanged_scenarios_skipped() -> None:
    criteria = (
        criterion(0, "Q1", Category.QUALITY, 57),
        criterion(1, "SV1", Category.SOCIAL_VALUE, 3),
        criterion(2, "SV2", Category.SOCIAL_VALUE, 0),
        criterion(3, "P1", Category.PRICE, 40),
    )
    file = competition_file(bids_at({"S1": 40000, "S2": 50000}), criteria)
    scores = {sid: {"Q1": 4, "SV1": 3, "SV2": 3} for sid in ("S1", "S2")}
    report = report_of(evaluate(file, panel(scores), []))
    moves = [(s.criterion_id, s.step) for s in report.scenarios[1:]]
    # SV2 is already 0: −5 would change nothing, so it is not tried.
    assert moves == [
        ("Q1", 5),
        ("Q1", -5),
        ("SV1", 5),
        ("SV1", -5),
        ("SV2", 5),
        ("P1", 5),
        ("P1", -5),
    ]
    sv1_down = report.scenarios[4]
    assert weights_of(sv1_down)["SV1"] == 0  # 3 − 5 floored at 0; the rest re-scaled by 100/97
    assert weights_of(sv1_down)["Q1"] == Fraction(5700, 97)


def test_no_sensitivity_while_errors_remain() -> None:
    file, _ = standard()
    alice = evaluator("Alice Ward", with_score(STANDARD_SCORES, "S1", "Q1", 3))
    result = evaluate(file, [alice, evaluator("Bob Singh", STANDARD_SCORES)], [])
    assert result.sensitivity is None and sensitive(result) is None


def _moved(file: CompetitionFile, scenario: Scenario) -> CompetitionFile:
    """The file as if published with the scenario's method and (un-normalised) weight."""
    step = Decimal(scenario.step)
    criteria = tuple(
        c.model_copy(update={"weight": max(Decimal(0), c.weight + step)})
        if c.id == scenario.criterion_id
        else c
        for c in file.criteria
    )
    competition = file.competition.model_copy(update={"price_method": scenario.price_method})
    return file.model_copy(update={"criteria": criteria, "competition": competition})


# Several bidders at similar prices, so that some results really are sensitive (about 1 in 6).
@settings(max_examples=60, deadline=None)
@given(competitions(bidders=(2, 5), prices=(20_000, 60_000)))
def test_a_scenario_is_reported_as_changing_the_winner_only_when_it_does(
    case: tuple[CompetitionFile, list[Evaluator]],
) -> None:
    file, evaluators = case
    result = evaluate(file, evaluators, [])
    assume(result.sensitivity is not None)
    report = report_of(result)
    for scenario in report.scenarios:
        # Scaling every weight alike changes no order, so the un-normalised file must agree.
        assert evaluate(_moved(file, scenario), evaluators, []).winner_id == scenario.winner_id
        assert scenario.changes_winner == (scenario.winner_id != result.winner_id)
    assert (sensitive(result) is not None) == report.is_sensitive


def test_what_ifs_settle_a_tie_by_the_published_rule() -> None:
    """A tie in a what-if is settled as the real ranking would settle it: by the published
    tie-break rule (the what-ifs used the default rule, higher merit, whatever was published)."""
    from addin.domain.evaluation import key
    from addin.domain.models import TieBreakRule
    from addin.domain.outcomes import UsedScore
    from addin.domain.scoring import Board, published_weights

    criteria = (criterion(0, "Q1", Category.QUALITY, 50), criterion(1, "P", Category.PRICE, 50))
    bids = bids_at({"A": "100", "B": "125"})
    # A: 4/5 × 50 + 50 = 90 on the cheaper price; B: 5/5 × 50 + 50 × 100/125 = 90 on merit.
    used = {
        (key("A"), key("Q1")): UsedScore(Fraction(4)),
        (key("B"), key("Q1")): UsedScore(Fraction(5)),
    }
    weights = published_weights(criteria)
    for rule, winner in ((TieBreakRule.LOWER_PRICE, "A"), (TieBreakRule.MERIT, "B")):
        board = Board(bids, criteria, used, None, rule)
        assert board.rank(weights, PriceMethod.LOWEST_PRICE).winner_id == winner
        assert board.winner_under(weights, PriceMethod.LOWEST_PRICE) == winner

"""The published tie-break rule is the one scoring applies.

S1 and S2 end equal on 86 points by different roads (standard competition: Q1 30 %, Q2 20 %,
SV1 10 %, Price 40 %):
    S1  Q1 4, Q2 4, SV1 3 → 24 + 16 + 6 = 46 points;  £40,000, the lowest → 40   → 86
    S2  Q1 5, Q2 5, SV1 2 → 30 + 20 + 4 = 54 points;  £50,000 → 40 × 40/50 = 32 → 86
"""

from __future__ import annotations

from addin.domain.evaluation import show_points
from addin.domain.models import CompetitionFile, TieBreakRule
from addin.domain.outcomes import EvaluationResult
from addin.domain.scoring import evaluate
from tests.domain.builders import bids_at, competition_file, panel

SCORES = {"S1": {"Q1": 4, "Q2": 4, "SV1": 3}, "S2": {"Q1": 5, "Q2": 5, "SV1": 2}}


def equal_totals(rule: TieBreakRule | None) -> CompetitionFile:
    file = competition_file(bids_at({"S1": 40000, "S2": 50000}))
    competition = file.competition.model_copy(update={"tie_break_rule": rule})
    return file.model_copy(update={"competition": competition})


def run(rule: TieBreakRule | None, tie_break: str | None = None) -> EvaluationResult:
    result = evaluate(equal_totals(rule), panel(SCORES), [], tie_break)
    assert {b.supplier_id: show_points(b.total) for b in result.bids} == {
        "S1": "86.00",
        "S2": "86.00",
    }
    return result


def test_the_default_rule_prefers_quality_and_social_value() -> None:
    for rule in (None, TieBreakRule.MERIT):
        result = run(rule)
        assert result.winner_id == "S2" and result.awardable
        assert result.bid("S2").reason == (  # type: ignore[union-attr]
            "Equal highest total score (86.00 points); ranked first on the higher Quality and "
            "Social Value points (54.00)"
        )


def test_lower_price_rule_prefers_the_cheaper_bid() -> None:
    result = run(TieBreakRule.LOWER_PRICE)
    assert result.winner_id == "S1" and result.awardable
    assert result.bid("S1").reason == (  # type: ignore[union-attr]
        "Equal highest total score (86.00 points); ranked first on the lower price (£40,000)"
    )
    assert [b.rank for b in result.bids] == [1, 2]


def test_decision_rule_leaves_any_equal_total_to_the_panel() -> None:
    result = run(TieBreakRule.DECISION)
    (tie,) = [p for p in result.problems if p.code == "TIE_FOR_FIRST"]
    assert result.winner_id is None
    assert "leaves equal totals to the panel's decision" in tie.message
    assert "(The panel's recorded decision)" in tie.message
    decided = run(TieBreakRule.DECISION, tie_break="S1")
    assert decided.winner_id == "S1" and decided.awardable

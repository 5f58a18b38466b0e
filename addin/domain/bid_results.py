"""Each bid's result as the Results sheet, its letter and the report state it: outcome, rank,
points, and the reason in words."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

from addin.domain.evaluation import bidder, evaluation_reason, show_money, show_points
from addin.domain.models import Bid, CompetitionFile, Criterion, LowPriceDecision, TieBreakRule
from addin.domain.outcomes import (
    ZERO,
    BidResult,
    CriterionResult,
    Outcome,
    Ranking,
    ScoreSource,
    Standing,
)
from addin.domain.problems import Problem

# The winner's notes when the panel's recorded decision settled a tie (the report reads it).
WON_ON_DECISION = "Won on the recorded tie-break decision"


def name_of(file: CompetitionFile, bid: Bid) -> str:
    # Letters use the Members name: it is the supplier's name as admitted to the DPS.
    member = file.member(bid.supplier_id)
    return member.name if member else bid.supplier_name


def label(file: CompetitionFile, bid: Bid) -> str:
    return bidder(bid.model_copy(update={"supplier_name": name_of(file, bid)}))


def bid_results(
    file: CompetitionFile,
    ranking: Ranking,
    set_aside: Mapping[int, tuple[Outcome, str]],
    problems: Sequence[Problem],
    unranked: Callable[[Bid], Standing],
) -> tuple[BidResult, ...]:
    """Ranked bids best first, then those set aside, then those not evaluated (Bids order).

    `unranked` gives a set-aside bid's points with no price points: its price is not scored.
    """
    low = {f.row for p in problems if p.code == "ABNORMALLY_LOW_PRICE" for f in p.fields}
    results = []
    placed: dict[int, list[Standing]] = defaultdict(list)  # rank → its bids, in ranking order
    for s in ranking.order:
        placed[ranking.ranks[s.bid.row]].append(s)
    for s in ranking.order:
        outcome = Outcome.WINNER if s is ranking.winner else Outcome.UNSUCCESSFUL
        reason, notes = _ranked_reason(file, s, ranking, file.competition.tie_break, placed)
        results.append(_result(file, s, outcome, ranking.ranks[s.bid.row], reason, notes, low))
    for bid in sorted((b for b in file.bids if b.row in set_aside), key=lambda b: b.row):
        outcome, reason = set_aside[bid.row]
        results.append(_result(file, unranked(bid), outcome, None, reason, "", low))
    for bid in sorted(file.bids, key=lambda b: b.row):
        why = evaluation_reason(bid, file)
        if why is not None:
            # No criteria and no points: a bid that was not evaluated is listed with no points.
            s = Standing(bid, {}, {}, ZERO, ZERO, ZERO)
            results.append(_result(file, s, Outcome.NOT_EVALUATED, None, why, "", set()))
    return tuple(results)


def _result(
    file: CompetitionFile,
    s: Standing,
    outcome: Outcome,
    place: int | None,
    reason: str,
    notes: str,
    low: set[int | str],
) -> BidResult:
    if s.bid.row in low:
        notes = " ".join(
            filter(None, [notes, "Abnormally low price: the bidder must be asked to explain it."])
        )
    elif s.bid.low_price_decision is LowPriceDecision.ACCEPTED and s.bid.low_price_reasons:
        accepted = f"Low price explained and accepted (reg. 69): {s.bid.low_price_reasons}"
        notes = " ".join(filter(None, [notes, accepted]))
    criteria = file.criteria if outcome is not Outcome.NOT_EVALUATED else ()
    return BidResult(
        supplier_id=s.bid.supplier_id,
        supplier_name=name_of(file, s.bid),
        outcome=outcome,
        rank=place,
        quality=s.quality,
        social_value=s.social_value,
        price=s.bid.price,
        price_points=s.price_points,
        total=s.total,
        criteria=tuple(_criterion_result(c, s) for c in criteria),
        reason=reason,
        notes=notes,
        row=s.bid.row,
    )


def _criterion_result(c: Criterion, s: Standing) -> CriterionResult:
    used = s.used[c.row]
    return CriterionResult(
        criterion_id=c.id,
        category=c.category,
        weight=c.weight,
        max_score=c.max_score,
        score=used.score,
        points=s.points[c.row],
        source=ScoreSource.PRICE_FORMULA if c.is_price else used.source,
        rationale=used.rationale,
        text=c.text,
    )


def _won_on(rule: TieBreakRule, s: Standing) -> str:
    """How the published tie-break rule put this bid first among equal totals."""
    if rule is TieBreakRule.LOWER_PRICE and s.bid.price is not None:
        return f"ranked first on the lower price ({show_money(s.bid.price)})"
    return f"ranked first on the higher Quality and Social Value points ({show_points(s.merit)})"


def _ranked_reason(
    file: CompetitionFile,
    s: Standing,
    ranking: Ranking,
    rule: TieBreakRule,
    placed: Mapping[int, Sequence[Standing]],
) -> tuple[str, str]:
    """The reason and notes for a ranked bid, as its letter and the report state them."""
    total = show_points(s.total)
    if s is ranking.winner and ranking.by_decision:
        return f"Tied for first place on {total} points", WON_ON_DECISION
    if s is ranking.winner:
        if any(o.total == s.total for o in ranking.order if o is not s):
            return f"Equal highest total score ({total} points); {_won_on(rule, s)}", ""
        return f"Highest total score: {total} points", ""
    if any(o is s for o in ranking.tied):
        if ranking.winner is None:
            return (
                f"Tied for first place on {total} points; no winner until the tie is resolved",
                "",
            )
        return (
            f"Tied for first place on {total} points",
            "Lost on the recorded tie-break decision",
        )
    place = ranking.ranks[s.bid.row]
    reason = f"Ranked {place} of {len(ranking.order)} with {total} points"
    if ranking.winner is not None:
        reason += f"; the winning bid scored {show_points(ranking.winner.total)}"
    equals = [label(file, o.bid) for o in placed[place] if o is not s]
    return reason, f"Ranked equal with {', '.join(equals)}" if equals else ""

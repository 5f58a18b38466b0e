"""Points, exclusions and the whole evaluation, in exact arithmetic.

Quality and Social Value points = used score ÷ Max score × Weight %; price points follow the
published method; Total = all three. Everything is a Fraction, so totals that are equal on
paper tie here too (floats would split 71.98 from 71.97999999999999 and pick a winner).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from addin.domain.evaluation import (
    Evaluator,
    Moderation,
    abnormally_low,
    bidder,
    check_bids,
    criterion_label,
    evaluable_bids,
    key,
    not_evaluated_reason,
    show_number,
    show_points,
)
from addin.domain.marks import Pair, used_scores
from addin.domain.models import Bid, Category, CompetitionFile, Criterion, PriceMethod
from addin.domain.outcomes import (
    NO_SCORE,
    BidResult,
    CriterionResult,
    EvaluationResult,
    Outcome,
    Ranking,
    ScoreSource,
    Standing,
    UsedScore,
    rank,
    ranking_problems,
)
from addin.domain.problems import Problem, has_errors
from addin.domain.sensitivity import Weights, analyse_sensitivity, sensitivity_warning

ZERO = Fraction(0)


def criterion_points(score: Fraction | None, criterion: Criterion, weight: Fraction) -> Fraction:
    """Used score ÷ Max score × Weight %; nothing for a missing score or an unusable scale."""
    if score is None or criterion.max_score is None or criterion.max_score < 1:
        return ZERO
    return score / criterion.max_score * weight


def lowest_price(bids: Sequence[Bid]) -> Fraction | None:
    return min(
        (Fraction(b.price) for b in bids if b.price is not None and b.price > 0), default=None
    )


def price_points(
    price: Decimal | None, lowest: Fraction | None, weight: Fraction, method: PriceMethod
) -> Fraction:
    """Lowest price: W × Pmin ÷ P. Linear: W × (1 − (P − Pmin) ÷ Pmin), never below 0."""
    if price is None or price <= 0 or lowest is None:
        return ZERO
    exact = Fraction(price)
    if method is PriceMethod.LOWEST_PRICE:
        return weight * lowest / exact
    return weight * max(ZERO, 1 - (exact - lowest) / lowest)


def _used(used: Mapping[Pair, UsedScore], bid: Bid, criterion: Criterion) -> UsedScore:
    return used.get((key(bid.supplier_id), key(criterion.id)), NO_SCORE)


def exclusions(
    bid: Bid, criteria: Sequence[Criterion], used: Mapping[Pair, UsedScore]
) -> list[str]:
    """Each minimum score the bid fell below, in words for its letter."""
    reasons = []
    for c in criteria:
        score = _used(used, bid, c).score
        if c.minimum_score is not None and score is not None and score < Fraction(c.minimum_score):
            reasons.append(
                f"Scored {show_number(score)} on {criterion_label(c)}, below the minimum score "
                f"of {show_number(c.minimum_score)}"
            )
    return reasons


def standing(
    bid: Bid,
    criteria: Sequence[Criterion],
    used: Mapping[Pair, UsedScore],
    weights: Weights,
    method: PriceMethod,
    lowest: Fraction | None,
) -> Standing:
    """The bid's points on every criterion; `lowest` None gives no price points (excluded)."""
    settled = {c.row: NO_SCORE if c.is_price else _used(used, bid, c) for c in criteria}
    points = {
        c.row: price_points(bid.price, lowest, weights[c.row], method)
        if c.is_price
        else criterion_points(settled[c.row].score, c, weights[c.row])
        for c in criteria
    }

    def subtotal(category: Category) -> Fraction:
        return sum((points[c.row] for c in criteria if c.category is category), ZERO)

    return Standing(
        bid=bid,
        points=points,
        used=settled,
        quality=subtotal(Category.QUALITY),
        social_value=subtotal(Category.SOCIAL_VALUE),
        price_points=subtotal(Category.PRICE),
    )


@dataclass(frozen=True)
class Board:  # frozen, so the per-bid ratios are worked out once (cached_property)
    """The bids still in the running and their used scores, ready to rank under any weights."""

    bids: tuple[Bid, ...]
    criteria: tuple[Criterion, ...]
    used: Mapping[Pair, UsedScore]
    tie_break: str | None

    def rank(self, weights: Weights, method: PriceMethod) -> Ranking:
        # The lowest price is taken over these bids only: an excluded bid's price does not count.
        lowest = lowest_price(self.bids)
        standings = [
            standing(b, self.criteria, self.used, weights, method, lowest) for b in self.bids
        ]
        return rank(standings, self.tie_break)

    def winner_under(self, weights: Weights, method: PriceMethod) -> str | None:
        """The winner under other weights or another price method (the sensitivity scenarios).

        Only the totals matter here, so each bid's used score ÷ Max score is worked out once for
        every scenario (`_ratios`) instead of looking scores up again each time; the points are
        the same exact Fractions `standing` gives.
        """
        lowest = lowest_price(self.bids)
        standings = []
        for bid in self.bids:
            subtotals = {category: ZERO for category in Category}
            for criterion, ratio in self._ratios[bid.row]:
                weight = weights[criterion.row]
                subtotals[criterion.category] += (
                    price_points(bid.price, lowest, weight, method)
                    if criterion.is_price
                    else ZERO
                    if ratio is None
                    else ratio * weight
                )
            standings.append(
                Standing(
                    bid=bid,
                    points={},
                    used={},
                    quality=subtotals[Category.QUALITY],
                    social_value=subtotals[Category.SOCIAL_VALUE],
                    price_points=subtotals[Category.PRICE],
                )
            )
        return rank(standings, self.tie_break).winner_id

    @cached_property
    def _ratios(self) -> dict[int, list[tuple[Criterion, Fraction | None]]]:
        """Bid row → each criterion with used score ÷ Max score (None: no points from it)."""
        ratios: dict[int, list[tuple[Criterion, Fraction | None]]] = {}
        for bid in self.bids:
            ratios[bid.row] = [
                (c, None if c.is_price else _ratio(_used(self.used, bid, c).score, c))
                for c in self.criteria
            ]
        return ratios


def _ratio(score: Fraction | None, criterion: Criterion) -> Fraction | None:
    if score is None or criterion.max_score is None or criterion.max_score < 1:
        return None
    return score / criterion.max_score


def published_weights(criteria: Sequence[Criterion]) -> dict[int, Fraction]:
    return {c.row: Fraction(c.weight) for c in criteria}


def evaluate(
    file: CompetitionFile,
    evaluators: Sequence[Evaluator],
    moderation: Sequence[Moderation],
    tie_break: str | None = None,
) -> EvaluationResult:
    """The whole evaluation: used scores, exclusions, points, ranking and every problem."""
    competition, criteria = file.competition, file.criteria
    evaluated = evaluable_bids(file)
    used, mark_problems = used_scores(
        evaluated, criteria, evaluators, moderation, competition.moderation_method
    )
    excluded = {b.row: why for b in evaluated if (why := exclusions(b, criteria, used))}
    board = Board(tuple(b for b in evaluated if b.row not in excluded), criteria, used, tie_break)
    ranking = board.rank(published_weights(criteria), competition.price_method)
    problems = [
        *check_bids(file),
        *mark_problems,
        *abnormally_low(evaluated),
        *ranking_problems(ranking, tie_break, evaluated),
    ]
    sensitivity = None
    if ranking.winner_id is not None and not has_errors(problems):
        sensitivity = analyse_sensitivity(
            criteria, competition.price_method, ranking.winner_id, board.winner_under
        )
        names = {b.supplier_id: _label(file, b) for b in evaluated}
        sensitive = sensitivity_warning(sensitivity, criteria, names)
        problems += [sensitive] if sensitive else []
    return EvaluationResult(
        bids=_bid_results(file, board, ranking, excluded, problems),
        winner_id=ranking.winner_id,
        problems=tuple(problems),
        sensitivity=sensitivity,
    )


def _name(file: CompetitionFile, bid: Bid) -> str:
    # Letters use the Members name: it is the supplier's name as admitted to the DPS.
    member = file.member(bid.supplier_id)
    return member.name if member else bid.supplier_name


def _label(file: CompetitionFile, bid: Bid) -> str:
    return bidder(bid.model_copy(update={"supplier_name": _name(file, bid)}))


def _bid_results(
    file: CompetitionFile,
    board: Board,
    ranking: Ranking,
    excluded: Mapping[int, list[str]],
    problems: Sequence[Problem],
) -> tuple[BidResult, ...]:
    low = {f.row for p in problems if p.code == "ABNORMALLY_LOW_PRICE" for f in p.fields}
    weights, method = published_weights(board.criteria), file.competition.price_method
    results = []
    for s in ranking.order:
        outcome = Outcome.WINNER if s is ranking.winner else Outcome.UNSUCCESSFUL
        reason, notes = _ranked_reason(file, s, ranking)
        results.append(_result(file, s, outcome, ranking.ranks[s.bid.row], reason, notes, low))
    for bid in sorted((b for b in file.bids if b.row in excluded), key=lambda b: b.row):
        s = standing(bid, board.criteria, board.used, weights, method, lowest=None)
        results.append(
            _result(file, s, Outcome.EXCLUDED, None, "; ".join(excluded[bid.row]), "", low)
        )
    for bid in sorted(file.bids, key=lambda b: b.row):
        why = not_evaluated_reason(bid, file.competition)
        if why is not None:
            # No criteria and no weights: a bid that was not evaluated is listed with no points.
            s = standing(bid, (), {}, {}, method, lowest=None)
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
    criteria = file.criteria if outcome is not Outcome.NOT_EVALUATED else ()
    return BidResult(
        supplier_id=s.bid.supplier_id,
        supplier_name=_name(file, s.bid),
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


def _ranked_reason(file: CompetitionFile, s: Standing, ranking: Ranking) -> tuple[str, str]:
    """The reason and notes for a ranked bid, as its letter and the report state them."""
    total = show_points(s.total)
    if s is ranking.winner and ranking.by_decision:
        return f"Tied for first place on {total} points", "Won on the recorded tie-break decision"
    if s is ranking.winner:
        if any(o.total == s.total for o in ranking.order if o is not s):
            return (
                f"Equal highest total score ({total} points); ranked first on the higher Quality "
                f"and Social Value points ({show_points(s.merit)})",
                "",
            )
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
    equals = [
        _label(file, o.bid)
        for o in ranking.order
        if o is not s and ranking.ranks[o.bid.row] == place
    ]
    return reason, f"Ranked equal with {', '.join(equals)}" if equals else ""

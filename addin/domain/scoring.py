"""Points, exclusions and the whole evaluation, in exact arithmetic.

Quality and Social Value points = used score ÷ Max score × Weight %; price points follow the
published method; Total = all three. Everything is a Fraction, so totals that are equal on
paper tie here too (floats would split 71.98 from 71.97999999999999 and pick a winner).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from addin.domain.bid_results import bid_results, label
from addin.domain.evaluation import (
    Evaluator,
    Moderation,
    check_bids,
    criterion_label,
    evaluable_bids,
    key,
    show_number,
)
from addin.domain.low_price import abnormally_low, rejected, rejection_problems, rejection_reason
from addin.domain.marks import Pair, used_scores
from addin.domain.models import (
    DEFAULT_TIE_BREAK,
    Bid,
    Category,
    CompetitionFile,
    Criterion,
    PriceMethod,
    TieBreakRule,
)
from addin.domain.outcomes import (
    NO_SCORE,
    ZERO,
    EvaluationResult,
    Outcome,
    Ranking,
    Standing,
    UsedScore,
    rank,
    ranking_problems,
    winner_of,
)
from addin.domain.problems import has_errors
from addin.domain.rules.declarations import evaluator_conflicts
from addin.domain.sensitivity import Weights, analyse_sensitivity, sensitivity_warning


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
    rule: TieBreakRule = DEFAULT_TIE_BREAK

    def rank(self, weights: Weights, method: PriceMethod) -> Ranking:
        # The lowest price is taken over these bids only: an excluded bid's price does not count.
        lowest = lowest_price(self.bids)
        standings = [
            standing(b, self.criteria, self.used, weights, method, lowest) for b in self.bids
        ]
        return rank(standings, self.tie_break, self.rule)

    def winner_under(self, weights: Weights, method: PriceMethod) -> str | None:
        """The winner under other weights or another price method (the sensitivity scenarios).

        Only the totals matter here, and about forty scenarios rank every bid, so each bid's
        used score ÷ Max score is put over one denominator once (`_scaled_ratios`) and each
        subtotal is a sum of whole numbers made a Fraction once: the same exact points that
        `standing` gives, without a Fraction normalised at every step.
        """
        lowest = lowest_price(self.bids)
        common = math.lcm(*(w.denominator for w in weights.values()))
        whole = {row: w.numerator * (common // w.denominator) for row, w in weights.items()}
        standings = []
        for bid in self.bids:
            denominator, scaled = self._scaled_ratios[bid.row]
            sums = dict.fromkeys((Category.QUALITY, Category.SOCIAL_VALUE), 0)
            price = ZERO
            for criterion, numerator in scaled:
                if criterion.is_price:
                    price += price_points(bid.price, lowest, weights[criterion.row], method)
                elif numerator is not None:
                    sums[criterion.category] += numerator * whole[criterion.row]
            subtotals = {c: Fraction(n, denominator * common) for c, n in sums.items()}
            standings.append(
                Standing(
                    bid=bid,
                    points={},
                    used={},
                    quality=subtotals[Category.QUALITY],
                    social_value=subtotals[Category.SOCIAL_VALUE],
                    price_points=price,
                )
            )
        winner = winner_of(standings, self.tie_break, self.rule)
        return winner.bid.supplier_id if winner else None

    @cached_property
    def _scaled_ratios(self) -> dict[int, tuple[int, list[tuple[Criterion, int | None]]]]:
        """Bid row → a common denominator of its ratios (used score ÷ Max score), and each
        criterion with its ratio's numerator over it (None: no points from it)."""
        scaled = {}
        for bid in self.bids:
            ratios = [
                (c, None if c.is_price else _ratio(_used(self.used, bid, c).score, c))
                for c in self.criteria
            ]
            denominator = math.lcm(*(r.denominator for _, r in ratios if r is not None))
            scaled[bid.row] = (
                denominator,
                [
                    (c, None if r is None else r.numerator * (denominator // r.denominator))
                    for c, r in ratios
                ],
            )
        return scaled


def _ratio(score: Fraction | None, criterion: Criterion) -> Fraction | None:
    if score is None or criterion.max_score is None or criterion.max_score < 1:
        return None
    return score / criterion.max_score


def published_weights(criteria: Sequence[Criterion]) -> dict[int, Fraction]:
    return {c.row: Fraction(c.weight) for c in criteria}


def _set_aside(
    evaluated: Sequence[Bid], criteria: Sequence[Criterion], used: Mapping[Pair, UsedScore]
) -> dict[int, tuple[Outcome, str]]:
    """Bids scored but not ranked: rejected for an abnormally low price, or below a minimum."""
    out = {}
    for bid in evaluated:
        below = exclusions(bid, criteria, used)
        if rejected(bid):
            also = f"; it also scored below a minimum: {'; '.join(below)}" if below else ""
            out[bid.row] = (Outcome.REJECTED_LOW_PRICE, rejection_reason(bid) + also)
        elif below:
            out[bid.row] = (Outcome.REJECTED, "; ".join(below))
    return out


def evaluate(
    file: CompetitionFile,
    evaluators: Sequence[Evaluator],
    moderation: Sequence[Moderation],
    tie_break: str | None = None,
    what_ifs: bool = True,
) -> EvaluationResult:
    """The whole evaluation: used scores, exclusions, points, ranking and every problem.

    `what_ifs=False` leaves out the sensitivity scenarios (most of the work, and only ever a
    warning for the officer): for a caller that needs the result alone, such as the letters.
    """
    competition, criteria = file.competition, file.criteria
    evaluated = evaluable_bids(file)
    used, mark_problems = used_scores(
        evaluated, criteria, evaluators, moderation, competition.moderation_method
    )
    set_aside = _set_aside(evaluated, criteria, used)
    board = Board(
        tuple(b for b in evaluated if b.row not in set_aside),
        criteria,
        used,
        tie_break,
        competition.tie_break,
    )
    ranking = board.rank(published_weights(criteria), competition.price_method)
    problems = [
        *check_bids(file),
        *mark_problems,
        *evaluator_conflicts(evaluators, file.declarations),
        *abnormally_low(evaluated),
        *rejection_problems(evaluated),
        *ranking_problems(ranking, tie_break, evaluated, competition.tie_break),
    ]
    sensitivity = None
    if what_ifs and ranking.winner_id is not None and not has_errors(problems):
        sensitivity = analyse_sensitivity(
            criteria, competition.price_method, ranking.winner_id, board.winner_under
        )
        names = {b.supplier_id: label(file, b) for b in evaluated}
        sensitive = sensitivity_warning(sensitivity, criteria, names)
        problems += [sensitive] if sensitive else []
    weights, method = published_weights(criteria), competition.price_method

    def unranked(bid: Bid) -> Standing:
        return standing(bid, criteria, used, weights, method, lowest=None)

    return EvaluationResult(
        bids=bid_results(file, ranking, set_aside, problems, unranked),
        winner_id=ranking.winner_id,
        problems=tuple(problems),
        sensitivity=sensitivity,
    )

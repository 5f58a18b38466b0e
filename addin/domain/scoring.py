"""Points, exclusions and the whole evaluation, in exact arithmetic.

Quality and Social Value points = used score ÷ Max score × Weight %; price points follow the
published method; Total = all three. Everything is a Fraction, so totals that are equal on
paper tie here too (floats would split 71.98 from 71.97999999999999 and pick a winner).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Iterable, Mapping, Sequence
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
    first_place,
    order_key,
    rank,
    ranking_problems,
)
from addin.domain.problems import has_errors
from addin.domain.rules.declarations import evaluator_conflicts
from addin.domain.sensitivity import Weights, analyse_sensitivity, sensitivity_warning


def criterion_points(score: Fraction | None, criterion: Criterion, weight: Fraction) -> Fraction:
    """Used score ÷ Max score × Weight %; nothing for a missing score or an unusable scale."""
    if score is None or criterion.max_score is None or criterion.max_score < 1:
        return ZERO
    # One Fraction normalised, not one per step: the same exact value (fractions are unique).
    return Fraction(
        score.numerator * weight.numerator,
        score.denominator * criterion.max_score * weight.denominator,
    )


def lowest_price(bids: Sequence[Bid]) -> Fraction | None:
    return min(
        (Fraction(b.price) for b in bids if b.price is not None and b.price > 0), default=None
    )


def price_points(
    price: Decimal | None, lowest: Fraction | None, weight: Fraction, method: PriceMethod
) -> Fraction:
    """Lowest price: W × Pmin ÷ P. Linear: W × (1 − (P − Pmin) ÷ Pmin), never below 0."""
    return weight * price_share(price, lowest, method)


def price_share(price: Decimal | None, lowest: Fraction | None, method: PriceMethod) -> Fraction:
    """The share of the price weight a price earns: Pmin ÷ P, or 1 − (P − Pmin) ÷ Pmin ≥ 0."""
    if price is None or price <= 0 or lowest is None:
        return ZERO
    exact = Fraction(price)
    if method is PriceMethod.LOWEST_PRICE:
        return lowest / exact
    return max(ZERO, 1 - (exact - lowest) / lowest)


def exact_sum(values: Iterable[Fraction]) -> Fraction:
    """The sum of fractions, over their least common denominator: one Fraction normalised
    instead of one per addition, and the same exact value."""
    terms = list(values)
    common = math.lcm(*(v.denominator for v in terms))
    return Fraction(sum(v.numerator * (common // v.denominator) for v in terms), common)


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
        return exact_sum(points[c.row] for c in criteria if c.category is category)

    return Standing(
        bid=bid,
        points=points,
        used=settled,
        quality=subtotal(Category.QUALITY),
        social_value=subtotal(Category.SOCIAL_VALUE),
        price_points=subtotal(Category.PRICE),
    )


@dataclass(frozen=True)
class Board:  # frozen, so the per-bid shares are worked out once (cached_property)
    """The bids still in the running and their used scores, ready to rank under any weights."""

    bids: tuple[Bid, ...]
    criteria: tuple[Criterion, ...]
    used: Mapping[Pair, UsedScore]
    tie_break: str | None
    rule: TieBreakRule = DEFAULT_TIE_BREAK

    def rank(self, weights: Weights, method: PriceMethod) -> Ranking:
        standings = [
            standing(b, self.criteria, self.used, weights, method, self._lowest) for b in self.bids
        ]
        return rank(standings, self.tie_break, self.rule)

    def winner_under(self, weights: Weights, method: PriceMethod) -> str | None:
        """The winner under other weights or another price method (the sensitivity scenarios).

        A bid's points are linear in the weights: Σ weight × share, where a share (used score
        ÷ Max score, or the price's share of the price weight) does not change between the
        forty-odd scenarios. So each bid's shares are put over one denominator once
        (`_shares`) and the weights over one per scenario: a bid's merit and total are then
        whole numbers over (its denominator × the weights'). Only bids on the highest total
        can come first, so totals are compared as whole numbers (a/b > c/d when a·d > c·b) and
        only the leaders' made Fractions for the tie-break: the same exact points that
        `standing` gives, without a Fraction normalised at every step.
        """
        common = math.lcm(*(w.denominator for w in weights.values()))
        whole = {row: w.numerator * (common // w.denominator) for row, w in weights.items()}
        merit_weights = [whole[c.row] for c in self.criteria if not c.is_price]
        price_weights = [whole[c.row] for c in self.criteria if c.is_price]
        sums = []
        for bid, shares in self._shares[method]:
            merit = sum(map(operator.mul, shares.merit, merit_weights))
            total = merit + sum(map(operator.mul, shares.price, price_weights))
            sums.append((bid, total, merit, shares.denominator))
        if not sums:
            return None
        _, best, _, best_over = sums[0]
        for _, total, _, over in sums:
            if total * best_over > best * over:  # denominators are positive
                best, best_over = total, over
        leaders = [
            (
                bid,
                order_key(
                    Fraction(total, over * common),
                    Fraction(merit, over * common),
                    bid.price,
                    self.rule,
                ),
            )
            for bid, total, merit, over in sums
            if total * best_over == best * over
        ]
        tied, chosen = first_place(leaders, self.tie_break)
        winner = tied[0] if len(tied) == 1 else chosen
        return winner.supplier_id if winner else None

    @cached_property
    def _lowest(self) -> Fraction | None:
        # Taken over these bids only: an excluded bid's price does not count.
        return lowest_price(self.bids)

    @cached_property
    def _shares(self) -> dict[PriceMethod, list[tuple[Bid, _Shares]]]:
        """Each bid with its shares under either price method (the scenarios try both)."""
        shares: dict[PriceMethod, list[tuple[Bid, _Shares]]] = {m: [] for m in PriceMethod}
        scored = [(c, key(c.id)) for c in self.criteria if not c.is_price]
        prices = sum(1 for c in self.criteria if c.is_price)
        for bid in self.bids:
            supplier = key(bid.supplier_id)
            merit = [_ratio(self.used.get((supplier, k), NO_SCORE).score, c) for c, k in scored]
            for method, listed in shares.items():
                price = price_share(bid.price, self._lowest, method)
                listed.append((bid, _Shares.of(merit, [price.as_integer_ratio()] * prices)))
        return shares


Parts = tuple[int, int]  # a numerator and a positive denominator, not necessarily in lowest terms


@dataclass(frozen=True)
class _Shares:
    """A bid's share of each weight, as whole numbers over one denominator: its points on a
    criterion are share ÷ denominator × weight."""

    denominator: int
    merit: tuple[int, ...]  # each Quality and Social Value criterion, in criteria order
    price: tuple[int, ...]  # each Price criterion, in criteria order

    @staticmethod
    def of(merit: Sequence[Parts], price: Sequence[Parts]) -> _Shares:
        denominator = math.lcm(*(d for _, d in (*merit, *price)))
        return _Shares(
            denominator,
            tuple(n * (denominator // d) for n, d in merit),
            tuple(n * (denominator // d) for n, d in price),
        )


def _ratio(score: Fraction | None, criterion: Criterion) -> Parts:
    """Used score ÷ Max score, as parts (0 when it earns no points): any common denominator
    will do for the sums, so none is reduced here."""
    if score is None or criterion.max_score is None or criterion.max_score < 1:
        return 0, 1
    return score.numerator, score.denominator * criterion.max_score


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
        # Only the bids a warning would name (label looks each up among the members).
        named = {sensitivity.winner_id, *(s.winner_id for s in sensitivity.changed)}
        names = {b.supplier_id: label(file, b) for b in evaluated if b.supplier_id in named}
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

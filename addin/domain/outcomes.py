"""What the evaluation found: each bid's points, its rank and outcome, and who won.

Points are exact fractions: two bids on 71.98 must tie, not differ in the 14th decimal place
as floats would. They are rounded only when shown (`show_points`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from functools import cached_property
from typing import Annotated

from pydantic import BaseModel, ConfigDict, PlainSerializer

from addin.domain.evaluation import bid_ref, bidder, key, show_points
from addin.domain.models import DEFAULT_TIE_BREAK, Bid, Category, PriceMethod, TieBreakRule
from addin.domain.problems import Problem, error, has_errors, warning

ZERO = Fraction(0)
# JSON output (the CLI's --format json) is for reading, so a float is enough there.
Exact = Annotated[Fraction, PlainSerializer(float, return_type=float, when_used="json")]


class Outcome(str, Enum):
    WINNER = "Winner"
    UNSUCCESSFUL = "Unsuccessful"
    # Below a minimum score: "rejected". PCR 2015 keeps "excluded" for reg. 57 grounds.
    REJECTED = "Rejected"
    REJECTED_LOW_PRICE = "Rejected — abnormally low price (reg. 69)"
    NOT_EVALUATED = "Not evaluated"


# Scored, then taken out of the ranking: each keeps its points for the report and its letter.
SCORED_NOT_RANKED = (Outcome.REJECTED, Outcome.REJECTED_LOW_PRICE)


class ScoreSource(str, Enum):
    """Where a used score came from, so the report can say how every score was settled."""

    MODERATED = "Moderated"
    UNANIMOUS = "Unanimous"
    AVERAGE = "Average"
    PRICE_FORMULA = "Price formula"


@dataclass(frozen=True)
class UsedScore:
    """The one score a bid gets on a criterion; None when none could be settled."""

    score: Fraction | None
    source: ScoreSource | None = None
    rationale: str = ""


NO_SCORE = UsedScore(None)


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)


class CriterionResult(_Result):
    criterion_id: str
    category: Category
    weight: Decimal
    max_score: int | None
    # None when no usable score was settled (a problem says why) and for the Price row.
    score: Exact | None
    points: Exact
    source: ScoreSource | None
    rationale: str
    text: str = ""


class BidResult(_Result):
    supplier_id: str
    supplier_name: str
    outcome: Outcome
    rank: int | None
    quality: Exact
    social_value: Exact
    price: Decimal | None
    price_points: Exact
    total: Exact
    criteria: tuple[CriterionResult, ...]
    reason: str
    notes: str = ""
    row: int = 0

    @property
    def quality_and_social_value(self) -> Fraction:
        return self.quality + self.social_value


class Scenario(_Result):
    """One what-if: the other price method, or one criterion's weight moved by 5 points."""

    description: str
    price_method: PriceMethod
    criterion_id: str | None = None
    step: int = 0
    # Every criterion's weight in this scenario, re-normalised to total 100.
    weights: tuple[tuple[str, Exact], ...] = ()
    winner_id: str | None
    changes_winner: bool


class SensitivityReport(_Result):
    winner_id: str
    price_method: PriceMethod
    scenarios: tuple[Scenario, ...]

    @property
    def changed(self) -> tuple[Scenario, ...]:
        return tuple(s for s in self.scenarios if s.changes_winner)

    @property
    def is_sensitive(self) -> bool:
        return bool(self.changed)


class EvaluationResult(_Result):
    # Ranked bids best first, then rejected, then not evaluated (each in Bids-table order).
    bids: tuple[BidResult, ...]
    winner_id: str | None
    problems: tuple[Problem, ...]
    # None when there is no winner or errors remain: a what-if on a wrong result misleads.
    sensitivity: SensitivityReport | None = None

    @property
    def winner(self) -> BidResult | None:
        return next((b for b in self.bids if b.outcome is Outcome.WINNER), None)

    @property
    def awardable(self) -> bool:
        """A winner and no error left: the only state in which letters may be written."""
        return self.winner_id is not None and not has_errors(self.problems)

    def bid(self, supplier_id: str) -> BidResult | None:
        return next((b for b in self.bids if key(b.supplier_id) == key(supplier_id)), None)


@dataclass(frozen=True)
class Standing:
    """A bid's points under one set of weights and one price method."""

    bid: Bid
    points: Mapping[int, Fraction]  # criterion row → points
    used: Mapping[int, UsedScore]  # criterion row → used score
    quality: Fraction
    social_value: Fraction
    price_points: Fraction

    @cached_property  # frozen: each sum is worked out once (ranking, letters, report)
    def merit(self) -> Fraction:
        """Quality + Social Value: what breaks equal totals."""
        return self.quality + self.social_value

    @cached_property
    def total(self) -> Fraction:
        return self.merit + self.price_points

    def order_key(self, rule: TieBreakRule = DEFAULT_TIE_BREAK) -> OrderKey:
        return order_key(self.total, self.merit, self.bid.price, rule)


OrderKey = tuple[Fraction, ...]


def order_key(
    total: Fraction, merit: Fraction, price: Decimal | None, rule: TieBreakRule
) -> OrderKey:
    """Higher is better: the total, then what the published tie-break rule looks at."""
    if rule is TieBreakRule.MERIT:
        return total, merit
    if rule is TieBreakRule.LOWER_PRICE:
        # A bid with no price (an error reported elsewhere) never wins on price.
        return (total, Fraction(1), -Fraction(price)) if price else (total, ZERO)
    return (total,)


@dataclass(frozen=True)
class Ranking:
    order: tuple[Standing, ...]  # best first
    ranks: Mapping[int, int]  # bid row → competition rank ("1, 2, 2, 4")
    tied: tuple[Standing, ...]  # tied for first place, when more than one
    winner: Standing | None
    by_decision: bool  # the winner came from the officer's recorded tie-break

    @property
    def winner_id(self) -> str | None:
        return self.winner.bid.supplier_id if self.winner else None


def rank(
    standings: Sequence[Standing],
    tie_break: str | None,
    rule: TieBreakRule = DEFAULT_TIE_BREAK,
) -> Ranking:
    """Highest total first; equal totals by the published rule; then the recorded decision."""
    if not standings:
        return Ranking((), {}, (), None, False)
    order_keys, tied, chosen = _leaders(standings, tie_break, rule)
    keys = {s.bid.row: (*order_keys[s.bid.row], Fraction(s is chosen)) for s in standings}
    # Bids-table order only settles the listing of equal ranks, never a rank itself.
    order = sorted(standings, key=lambda s: (keys[s.bid.row], -s.bid.row), reverse=True)
    # Competition ranking ("1, 2, 2, 4"): one more than the number of strictly better bids.
    first_at: dict[tuple[Fraction, ...], int] = {}
    for position, s in enumerate(order):
        first_at.setdefault(keys[s.bid.row], position)
    ranks = {row: 1 + first_at[k] for row, k in keys.items()}
    winner = tied[0] if len(tied) == 1 else chosen
    return Ranking(tuple(order), ranks, tied if len(tied) > 1 else (), winner, chosen is not None)


def _leaders(
    standings: Sequence[Standing], tie_break: str | None, rule: TieBreakRule
) -> tuple[dict[int, OrderKey], tuple[Standing, ...], Standing | None]:
    """Each bid's order key, the bids tied for first, and the one the recorded decision chose."""
    order_keys = {s.bid.row: s.order_key(rule) for s in standings}
    by_row = {s.bid.row: s for s in standings}
    tied, chosen = first_place([(s.bid, order_keys[s.bid.row]) for s in standings], tie_break)
    return (
        order_keys,
        tuple(by_row[b.row] for b in tied),
        None if chosen is None else by_row[chosen.row],
    )


def first_place(
    keyed: Sequence[tuple[Bid, OrderKey]], tie_break: str | None
) -> tuple[tuple[Bid, ...], Bid | None]:
    """The bids tied for first on their order keys, and the one the recorded decision chose.

    Shared by the ranking and the sensitivity scenarios, which work out the keys themselves.
    """
    best = max(k for _, k in keyed)
    tied = tuple(b for b, k in keyed if k == best)
    chosen = None
    if len(tied) > 1 and tie_break is not None:
        chosen = next((b for b in tied if key(b.supplier_id) == key(tie_break)), None)
    return tied, chosen


def ranking_problems(
    ranking: Ranking,
    tie_break: str | None,
    evaluated: Sequence[Bid],
    rule: TieBreakRule = DEFAULT_TIE_BREAK,
) -> list[Problem]:
    if not ranking.order:
        why = (
            "every evaluated bid fell below a minimum score"
            if evaluated
            else "no bid could be evaluated (see each bid's reason)"
        )
        return [warning("NO_BID_RANKED", f"There is no winner: {why}.")]
    if ranking.tied and not ranking.by_decision:
        return [_tie_for_first(ranking, tie_break, rule)]
    if tie_break is not None and not ranking.by_decision:
        return [
            warning(
                "TIE_BREAK_NOT_USED",
                f"A tie-break decision naming {tie_break} is recorded, but there is no tie for "
                "first place, so it was not used. Check whether the scores changed after it.",
            )
        ]
    return []


def still_equal(rule: TieBreakRule, first: Standing) -> str:
    """What is still equal after the published tie-break rule was applied, in words."""
    if rule is TieBreakRule.MERIT:
        return f"with equal Quality and Social Value points ({show_points(first.merit)})"
    if rule is TieBreakRule.LOWER_PRICE:
        return "at the same price"
    return "and the published tie-break rule leaves equal totals to the panel's decision"


def _tie_for_first(ranking: Ranking, tie_break: str | None, rule: TieBreakRule) -> Problem:
    first = ranking.tied[0]
    names = " and ".join(bidder(s.bid) for s in ranking.tied)
    stale = (
        f" The recorded tie-break decision names {tie_break}, who is not one of them."
        if tie_break is not None
        else ""
    )
    return error(
        "TIE_FOR_FIRST",
        f"{names} tie for first place on {show_points(first.total)} points, "
        f"{still_equal(rule, first)}, so there is no winner.{stale} Apply the tie-break stated "
        f"in the invitation ({rule.value}) and record the decision.",
        *(bid_ref(s.bid, "Supplier ID") for s in ranking.tied),
    )

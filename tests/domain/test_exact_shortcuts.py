"""The fast exact arithmetic of scoring gives the very fractions the plain formulas give.

Scoring puts fractions over one denominator and sums whole numbers (`exact_sum`,
`criterion_points`, `Board.winner_under`) so that 300 bids × 20 criteria × 41 what-ifs stay
quick. Fractions are unique, so the result must equal the step-by-step computation exactly:
these properties compare the two on random boards, with ties made likely on purpose.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from addin.domain.evaluation import key
from addin.domain.marks import Pair
from addin.domain.models import Bid, Category, Criterion, PriceMethod, TieBreakRule
from addin.domain.outcomes import NO_SCORE, UsedScore
from addin.domain.scoring import Board, criterion_points, exact_sum
from tests.domain.builders import bid, criterion

fractions = st.builds(Fraction, st.integers(-50, 50), st.integers(1, 12))
# Few distinct values, so equal totals (and the tie-break rules) come up often.
scores = st.sampled_from([Fraction(0), Fraction(5, 2), Fraction(4), Fraction(5)])
# 100 and 125 under equal weights tie a 4 out of 5 with a 5 out of 5 (90 points each).
prices = st.sampled_from([None, 0, 100, 100, 125, 125, "99.99"])
weights = st.sampled_from([Fraction(0), Fraction(50), Fraction(50), Fraction(100, 3)])


@given(st.lists(fractions, max_size=8))
def test_exact_sum_is_the_plain_sum(values: list[Fraction]) -> None:
    assert exact_sum(values) == sum(values, Fraction(0))


@given(st.none() | fractions, st.none() | st.integers(-1, 10), fractions)
def test_criterion_points_are_score_over_max_times_weight(
    score: Fraction | None, top: int | None, weight: Fraction
) -> None:
    c = criterion(0, "Q1", Category.QUALITY, 10, max_score=top)
    expected = Fraction(0) if score is None or top is None or top < 1 else score / top * weight
    assert criterion_points(score, c, weight) == expected


@st.composite
def boards(draw: st.DrawFn) -> tuple[Board, dict[int, Fraction]]:
    count = draw(st.integers(1, 5))
    categories = draw(st.lists(st.sampled_from(Category), min_size=count, max_size=count))
    criteria = tuple(
        criterion(i, f"C{i}", category, 10, max_score=draw(st.sampled_from([None, 0, 4, 5, 5])))
        for i, category in enumerate(categories)
    )
    bidders = draw(st.integers(1, 5))
    bids = tuple(bid(i, f"S{i}", draw(prices)) for i in range(bidders))
    used: dict[Pair, UsedScore] = {}
    for b in bids:
        for c in criteria:
            if not c.is_price and draw(st.booleans()):
                used[key(b.supplier_id), key(c.id)] = draw(
                    st.just(NO_SCORE) | scores.map(UsedScore)
                )
    tie_break = draw(st.none() | st.sampled_from([" s0", "S1", "S9"]))
    rule = draw(st.sampled_from(TieBreakRule))
    scenario = {c.row: draw(weights) for c in criteria}
    return Board(bids, criteria, used, tie_break, rule), scenario


def _plain_points(b: Bid, c: Criterion, board: Board, w: Fraction, method: PriceMethod) -> Fraction:
    """Points as the published formulas state them, one step at a time."""
    if c.is_price:
        priced = [Fraction(x.price) for x in board.bids if x.price is not None and x.price > 0]
        if b.price is None or b.price <= 0 or not priced:
            return Fraction(0)
        lowest, price = min(priced), Fraction(b.price)
        if method is PriceMethod.LOWEST_PRICE:
            return w * lowest / price
        return w * max(Fraction(0), 1 - (price - lowest) / lowest)
    score = board.used.get((key(b.supplier_id), key(c.id)), NO_SCORE).score
    if score is None or c.max_score is None or c.max_score < 1:
        return Fraction(0)
    return score / c.max_score * w


@settings(max_examples=300, deadline=None)
@given(boards(), st.sampled_from(PriceMethod))
def test_the_ranking_and_the_what_if_shortcut_agree_with_the_plain_formulas(
    case: tuple[Board, dict[int, Fraction]], method: PriceMethod
) -> None:
    board, scenario = case
    ranking = board.rank(scenario, method)
    for s in ranking.order:
        plain = {
            c.row: _plain_points(s.bid, c, board, scenario[c.row], method) for c in board.criteria
        }
        assert s.points == plain
        for category, subtotal in (
            (Category.QUALITY, s.quality),
            (Category.SOCIAL_VALUE, s.social_value),
            (Category.PRICE, s.price_points),
        ):
            rows = [c.row for c in board.criteria if c.category is category]
            assert subtotal == sum((plain[r] for r in rows), Fraction(0))
    assert board.winner_under(scenario, method) == ranking.winner_id


def test_a_decimal_price_is_scored_exactly() -> None:
    board = Board(
        (bid(0, "A", Decimal("99.99")), bid(1, "B", Decimal("100.50"))),
        (criterion(0, "P", Category.PRICE, 100),),
        {},
        None,
    )
    ranking = board.rank({0: Fraction(100)}, PriceMethod.LOWEST_PRICE)
    assert [s.total for s in ranking.order] == [Fraction(100), Fraction(9999, 10050) * 100]


def test_the_what_if_shortcut_settles_equal_totals_as_the_ranking_does() -> None:
    """Equal totals are rare in random boards: A (4 of 5, the lower price) and B (5 of 5) both
    make 90 points, and every rule and recorded decision must pick the same bid both ways."""
    criteria = (criterion(0, "Q", Category.QUALITY, 50), criterion(1, "P", Category.PRICE, 50))
    bids = (bid(0, "A", 100), bid(1, "B", 125))
    used = {
        (key("A"), key("Q")): UsedScore(Fraction(4)),
        (key("B"), key("Q")): UsedScore(Fraction(5)),
    }
    scenario = {0: Fraction(50), 1: Fraction(50)}
    for rule in TieBreakRule:
        for tie_break in (None, "a", "B", "C"):
            board = Board(bids, criteria, used, tie_break, rule)
            ranking = board.rank(scenario, PriceMethod.LOWEST_PRICE)
            assert ranking.order[0].total == ranking.order[1].total == 90
            assert board.winner_under(scenario, PriceMethod.LOWEST_PRICE) == ranking.winner_id

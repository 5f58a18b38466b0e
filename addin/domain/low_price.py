"""Abnormally low prices (PCR 2015 reg. 69): a prompt, a question, a recorded decision.

reg. 69 sets no figure; a price more than 20 % below the mean of the other evaluated prices is
worth asking about. The authority *shall* ask the bidder to explain and may reject the bid only
after assessing the answer; the request, the decision and its reasons are recorded on Bids
(reg. 84(1)(c)). A rejected bid is scored but not ranked; the result is worked out without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from addin.domain.evaluation import bid_ref, bidder, show_money
from addin.domain.models import Bid, LowPriceDecision
from addin.domain.problems import Problem, error, warning
from addin.domain.uk_time import long_date

ABNORMALLY_LOW_SHARE = Decimal("0.8")
REQUESTED = "Low price explanation requested"
DECISION = "Low price decision"
REASONS = "Low price reasons"


def flagged(bids: Sequence[Bid]) -> list[tuple[Bid, Decimal]]:
    """Each bid priced more than 20 % below the mean of the others, with that mean."""
    priced = [b for b in bids if b.price is not None and b.price > 0]
    found = []
    for bid in priced:
        others = [b.price for b in priced if b is not bid and b.price is not None]
        if not others or bid.price is None:
            continue
        mean = sum(others, Decimal(0)) / len(others)
        if bid.price < mean * ABNORMALLY_LOW_SHARE:
            found.append((bid, mean))
    return found


def how_low(bid: Bid, mean: Decimal) -> str:
    """'price £38,500 is 28.9 % below the mean of the other bids (£54,133.33)'."""
    price = bid.price or Decimal(0)
    below = (1 - price / mean) * 100
    return (
        f"price {show_money(price)} is {below:.1f} % below the mean of the other bids "
        f"({show_money(mean.quantize(Decimal('0.01')))})"
    )


def missing_steps(bid: Bid) -> list[str]:
    """The columns of the reg. 69 record still blank for this bid."""
    filled = (
        (REQUESTED, bid.low_price_requested),
        (DECISION, bid.low_price_decision),
        (REASONS, bid.low_price_reasons),
    )
    return [column for column, value in filled if not value]


def abnormally_low(bids: Sequence[Bid]) -> list[Problem]:
    """ABNORMALLY_LOW_PRICE for every flagged bid whose reg. 69 record is not complete yet."""
    problems = []
    for bid, mean in flagged(bids):
        missing = missing_steps(bid)
        if not missing or bid.price is None:
            continue
        problems.append(
            warning(
                "ABNORMALLY_LOW_PRICE",
                f"{bidder(bid)}: {how_low(bid, mean)}. "
                "PCR 2015 reg. 69 requires you to ask the bidder to explain the price and "
                "to consider the answer before any rejection: record on Bids the date you "
                "asked, the decision (Accepted or Rejected) and the reasons, then score again. "
                "Letters wait for them.",
                bid_ref(bid, "Price"),
                *(bid_ref(bid, column) for column in missing),
            )
        )
    return problems


def rejected(bid: Bid) -> bool:
    """Rejected for its price, lawfully: only after the bidder was asked to explain."""
    return (
        bid.low_price_decision is LowPriceDecision.REJECTED and bid.low_price_requested is not None
    )


def rejection_reason(bid: Bid) -> str:
    """Neutral wording: the same text serves the Results sheet, the report and the letter."""
    why = bid.low_price_reasons or "the explanation of the price was not accepted"
    asked = f" on {long_date(bid.low_price_requested)}" if bid.low_price_requested else ""
    return (
        f"Price rejected as abnormally low (reg. 69), after an explanation was requested{asked}: "
        f"{why}"
    )


def rejection_problems(bids: Sequence[Bid]) -> list[Problem]:
    """A rejection recorded without asking the bidder first is not applied (reg. 69(1))."""
    return [
        error(
            "LOW_PRICE_EXPLANATION_NOT_REQUESTED",
            f"{bidder(bid)}: the bid is marked Rejected for an abnormally low price, but "
            f"{REQUESTED} is blank. reg. 69 allows a rejection only after the bidder has been "
            "asked to explain the price and the answer assessed: record the date you asked.",
            bid_ref(bid, REQUESTED),
        )
        for bid in bids
        if bid.low_price_decision is LowPriceDecision.REJECTED and not rejected(bid)
    ]


def decision_problems(bids: Sequence[Bid]) -> list[Problem]:
    """LOW_PRICE_DECISION_MISSING: a flagged bid, or one with a decision begun, lacks a step."""
    flagged_rows = {b.row for b, _ in flagged(bids)}
    problems = []
    for bid in bids:
        missing = missing_steps(bid)
        started = len(missing) < 3
        if not missing or not (bid.row in flagged_rows or started):
            continue
        problems.append(
            error(
                "LOW_PRICE_DECISION_MISSING",
                f"{bidder(bid)}: the price looks abnormally low and the reg. 69 record is not "
                f"complete ({', '.join(missing)} blank). Ask the bidder to explain, decide "
                "(Accepted or Rejected) with reasons, score again, then issue the letters.",
                *(bid_ref(bid, column) for column in missing),
            )
        )
    return problems

"""From the evaluated competition to one LetterContext per bidder (reg. 86 content).

Two rules of confidentiality (reg. 21) shape the reasons: a letter gives the recipient's and the
winning bid's scores and prices only, never a third bidder's; and it states the winning bid's
characteristics and relative advantages only where the winner scored higher than the recipient,
so the winner's own weaknesses are never quoted to its competitors.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from addin.domain.dps import CCIN_DPS
from addin.domain.evaluation import show_money
from addin.domain.models import Bid, CompetitionFile, Criterion, Member, PriceMethod
from addin.domain.outcomes import (
    SCORED_NOT_RANKED,
    BidResult,
    CriterionResult,
    EvaluationResult,
    Outcome,
)
from addin.domain.uk_time import long_date
from addin.letters.context import (
    NOT_APPLICABLE,
    AbandonmentContext,
    AwardCriterion,
    CriterionRow,
    LetterContext,
    LetterHead,
    two_dp,
    weight_text,
)

OUTCOME_WORDS: dict[Outcome, str] = {
    Outcome.WINNER: "successful",
    Outcome.UNSUCCESSFUL: "unsuccessful",
    Outcome.REJECTED: "rejected",
    # Scored, then set aside for its price with a precise reason (reg. 69): also "rejected".
    Outcome.REJECTED_LOW_PRICE: "rejected",
    Outcome.NOT_EVALUATED: "not evaluated",
}
PRICE_METHOD_WORDS: dict[PriceMethod, str] = {
    PriceMethod.LOWEST_PRICE: "price weight × lowest price ÷ your price",
    PriceMethod.LINEAR: "price weight × (1 − (your price − lowest price) ÷ lowest price), not below 0",
}
SAME_AS_YOURS = "The winning bid scored the same as yours on this criterion."
LOWER_THAN_YOURS = "The winning bid scored lower than yours on this criterion."
PRICE_NOT_COMPARED = "Not scored: your bid was rejected before prices were compared."


def letter_recipients(file: CompetitionFile, result: EvaluationResult) -> list[BidResult]:
    """Everyone who submitted a bid gets a letter; suppliers who did not bid get none."""
    received = {b.supplier_id.casefold() for b in file.bids if b.received}
    return [b for b in result.bids if b.supplier_id.casefold() in received]


def address_lines(text: str | None) -> list[str]:
    """An address typed in one cell, commas or line breaks between its parts, as lines."""
    if not text:
        return []
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


def _member_address(member: Member | None) -> list[str]:
    return address_lines(member.address) if member else []


def award_criteria(criteria: Sequence[Criterion]) -> list[AwardCriterion]:
    return [
        AwardCriterion(
            id=c.id,
            category=c.category.value,
            criterion=c.text,
            weight=weight_text(c.weight),
            max_score=str(c.max_score) if c.max_score and not c.is_price else NOT_APPLICABLE,
        )
        for c in criteria
    ]


# --- the reasons, criterion by criterion -----------------------------------------------------


def _price(bid: BidResult) -> str:
    return show_money(bid.price) if bid.price is not None else NOT_APPLICABLE


def your_price_reason(bid: BidResult, lowest: BidResult | None, winner: BidResult | None) -> str:
    """The recipient's price explained; the lowest price is named only if it is its own or the
    winner's (a third bidder's price is that bidder's confidential information)."""
    if bid.price is None:
        return ""
    if bid.rank is None:
        return PRICE_NOT_COMPARED
    yours = f"Your price of {_price(bid)}"
    if lowest is None or lowest.price is None or lowest.price == bid.price:
        return f"{yours} was the lowest evaluated price."
    if (
        winner is not None
        and winner.supplier_id != bid.supplier_id
        and winner.price == lowest.price
    ):
        return (
            f"{yours} was scored against the lowest evaluated price, which was the winning "
            f"bid's price of {_price(winner)}."
        )
    return f"{yours} was scored against the lowest evaluated price."


def winner_price_reason(
    bid: BidResult, winner: BidResult, mine: CriterionResult, theirs: CriterionResult
) -> str:
    if bid.rank is None:
        return ""  # the rejected bid's price was never scored, so there is nothing to compare
    if theirs.points > mine.points:
        return f"A lower price than yours: {_price(winner)} against {_price(bid)}."
    if theirs.points == mine.points:
        return "The winning bid's price earned the same price points as yours."
    return "The winning bid's price was higher than yours and earned fewer price points."


def winner_quality_reason(mine: CriterionResult, theirs: CriterionResult) -> str:
    """The winner's characteristics and relative advantages, only where it scored higher."""
    if mine.score is None or theirs.score is None:
        return theirs.rationale
    if theirs.score > mine.score:
        return theirs.rationale
    return SAME_AS_YOURS if theirs.score == mine.score else LOWER_THAN_YOURS


def _score(bid: BidResult | None, c: CriterionResult | None) -> str:
    if bid is None or c is None:
        return NOT_APPLICABLE
    return _price(bid) if c.category.value == "Price" else two_dp(c.score)


def _result_for(bid: BidResult | None, criterion: Criterion) -> CriterionResult | None:
    if bid is None:
        return None
    return next((c for c in bid.criteria if c.criterion_id == criterion.id), None)


def criterion_rows(
    file: CompetitionFile, bid: BidResult, winner: BidResult | None, lowest: BidResult | None
) -> list[CriterionRow]:
    rows = []
    others = winner if winner is not None and winner.supplier_id != bid.supplier_id else None
    for criterion in file.criteria:
        mine, theirs = _result_for(bid, criterion), _result_for(others, criterion)
        if mine is None:
            continue
        if criterion.is_price:
            your_reason = your_price_reason(bid, lowest, winner)
            winner_reason = (
                winner_price_reason(bid, others, mine, theirs) if others and theirs else ""
            )
        else:
            your_reason = mine.rationale
            winner_reason = winner_quality_reason(mine, theirs) if theirs else ""
        rejected_price = criterion.is_price and bid.rank is None
        rows.append(
            CriterionRow(
                id=criterion.id,
                category=criterion.category.value,
                criterion=criterion.text,
                weight=weight_text(criterion.weight),
                max_score=str(criterion.max_score)
                if criterion.max_score and not criterion.is_price
                else NOT_APPLICABLE,
                your_score=_score(bid, mine),
                your_points=NOT_APPLICABLE if rejected_price else two_dp(mine.points),
                winner_score=_score(others, theirs),
                winner_points=two_dp(theirs.points) if theirs else NOT_APPLICABLE,
                your_reason=your_reason,
                winner_reason=winner_reason,
            )
        )
    return rows


# --- the letters -----------------------------------------------------------------------------


def letter_head(
    file: CompetitionFile, supplier_id: str, fallback_name: str, sent: date, officer_phone: str = ""
) -> dict[str, Any]:
    """The fields every letter to this supplier shares (LetterHead), as keyword arguments."""
    c = file.competition
    member = file.member(supplier_id)
    lot = CCIN_DPS.lot(c.lot or 0)
    head = LetterHead(
        authority=c.authority or "",
        authority_address_lines=address_lines(c.authority_address),
        officer_name=c.officer_name or "",
        officer_email=c.officer_email or "",
        officer_phone=officer_phone,
        letter_date=long_date(sent),
        reference=c.reference or "",
        title=c.title or "",
        lot=lot.label if lot else f"Lot {c.lot}",
        supplier_id=supplier_id,
        supplier_name=member.name if member else fallback_name,
        contact_name=(member.contact_name if member else "") or "Sir or Madam",
        address_lines=_member_address(member),
    )
    return head.model_dump(exclude=set(LetterHead.model_computed_fields))


def lowest_priced(result: EvaluationResult) -> BidResult | None:
    priced = [b for b in result.bids if b.rank is not None and b.price is not None]
    return min(priced, key=lambda b: b.price or 0) if priced else None


def compose_letters(
    file: CompetitionFile,
    result: EvaluationResult,
    sent: date,
    standstill_end: str,
    officer_phone: str = "",
) -> list[tuple[BidResult, LetterContext]]:
    c = file.competition
    winner = result.winner
    ranked_count = sum(1 for b in result.bids if b.rank is not None)
    lowest = lowest_priced(result)
    criteria = award_criteria(file.criteria)
    letters = []
    for bid in letter_recipients(file, result):
        scored = bid.outcome in (Outcome.WINNER, Outcome.UNSUCCESSFUL, *SCORED_NOT_RANKED)
        context = LetterContext(
            **letter_head(file, bid.supplier_id, bid.supplier_name, sent, officer_phone),
            outcome=OUTCOME_WORDS[bid.outcome],  # type: ignore[arg-type]
            rank=bid.rank if bid.outcome in (Outcome.WINNER, Outcome.UNSUCCESSFUL) else None,
            ranked_count=ranked_count,
            total=two_dp(bid.total) if bid.rank else NOT_APPLICABLE,
            your_quality=two_dp(bid.quality) if scored else NOT_APPLICABLE,
            your_social_value=two_dp(bid.social_value) if scored else NOT_APPLICABLE,
            your_price_points=two_dp(bid.price_points) if bid.rank else NOT_APPLICABLE,
            winner_name=winner.supplier_name if winner else "",
            winner_total=two_dp(winner.total) if winner else NOT_APPLICABLE,
            winner_quality=two_dp(winner.quality) if winner else NOT_APPLICABLE,
            winner_social_value=two_dp(winner.social_value) if winner else NOT_APPLICABLE,
            winner_price_points=two_dp(winner.price_points) if winner else NOT_APPLICABLE,
            price_method=PRICE_METHOD_WORDS[c.price_method],
            award_criteria=criteria,
            criteria=criterion_rows(file, bid, winner, lowest) if scored else [],
            reason=bid.reason if bid.outcome in (*SCORED_NOT_RANKED, Outcome.NOT_EVALUATED) else "",
            has_standstill=bool(standstill_end),
            standstill_end=standstill_end,
        )
        letters.append((bid, context))
    return letters


def compose_abandonment_letters(
    file: CompetitionFile, recipients: Sequence[Bid], reason: str, sent: date, decided: date
) -> list[AbandonmentContext]:
    """One letter per supplier told that the competition was abandoned, and why."""
    return [
        AbandonmentContext(
            **letter_head(file, bid.supplier_id, bid.supplier_name, sent),
            reason=reason,
            abandoned_on=long_date(decided),
            bid_received=bid.received,
        )
        for bid in recipients
    ]

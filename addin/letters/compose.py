"""From the evaluated competition to one LetterContext per bidder (reg. 86 content)."""

from __future__ import annotations

from datetime import date

from addin.domain.dps import CCIN_DPS
from addin.domain.evaluation import show_money
from addin.domain.models import CompetitionFile, Member, PriceMethod
from addin.domain.outcomes import (
    SCORED_NOT_RANKED,
    BidResult,
    CriterionResult,
    EvaluationResult,
    Outcome,
)
from addin.domain.standstill import long_date
from addin.letters.context import NOT_APPLICABLE, CriterionRow, LetterContext, two_dp, weight_text

OUTCOME_WORDS: dict[Outcome, str] = {
    Outcome.WINNER: "successful",
    Outcome.UNSUCCESSFUL: "unsuccessful",
    Outcome.EXCLUDED: "excluded",
    # Scored, then set aside with a precise reason: the excluded letter says so.
    Outcome.REJECTED_LOW_PRICE: "excluded",
    Outcome.NOT_EVALUATED: "not evaluated",
}
PRICE_METHOD_WORDS: dict[PriceMethod, str] = {
    PriceMethod.LOWEST_PRICE: "price weight × lowest price ÷ your price",
    PriceMethod.LINEAR: "price weight × (1 − (your price − lowest price) ÷ lowest price), not below 0",
}


def letter_recipients(file: CompetitionFile, result: EvaluationResult) -> list[BidResult]:
    """Everyone who submitted a bid gets a letter; suppliers who did not bid get none."""
    received = {b.supplier_id.casefold() for b in file.bids if b.received}
    return [b for b in result.bids if b.supplier_id.casefold() in received]


def _score(bid: BidResult | None, c: CriterionResult | None, is_price: bool) -> str:
    if bid is None or c is None:
        return NOT_APPLICABLE
    if is_price:
        return show_money(bid.price) if bid.price is not None else NOT_APPLICABLE
    return two_dp(c.score)


def _price_reason(bid: BidResult, lowest: BidResult | None) -> str:
    if bid.price is None:
        return ""
    if lowest is None or lowest.price is None or lowest.supplier_id == bid.supplier_id:
        return f"Price {show_money(bid.price)}, the lowest evaluated price."
    return f"Price {show_money(bid.price)} against the lowest evaluated price of {show_money(lowest.price)}."


def criterion_rows(
    file: CompetitionFile, bid: BidResult, winner: BidResult | None, lowest: BidResult | None
) -> list[CriterionRow]:
    rows = []
    for criterion in file.criteria:
        mine = next((c for c in bid.criteria if c.criterion_id == criterion.id), None)
        theirs = (
            next((c for c in winner.criteria if c.criterion_id == criterion.id), None)
            if winner
            else None
        )
        if mine is None:
            continue
        is_price = criterion.is_price
        rows.append(
            CriterionRow(
                id=criterion.id,
                category=criterion.category.value,
                criterion=criterion.text,
                weight=weight_text(criterion.weight),
                max_score=str(criterion.max_score)
                if criterion.max_score and not is_price
                else NOT_APPLICABLE,
                your_score=_score(bid, mine, is_price),
                your_points=two_dp(mine.points),
                winner_score=_score(winner, theirs, is_price),
                winner_points=two_dp(theirs.points) if theirs else NOT_APPLICABLE,
                your_reason=_price_reason(bid, lowest) if is_price else mine.rationale,
                winner_reason=(_price_reason(winner, lowest) if is_price else theirs.rationale)
                if winner and theirs
                else "",
            )
        )
    return rows


def _address(member: Member | None) -> list[str]:
    if member is None or not member.address:
        return []
    return [part.strip() for part in member.address.replace("\n", ",").split(",") if part.strip()]


def compose_letters(
    file: CompetitionFile,
    result: EvaluationResult,
    sent: date,
    standstill_end: str,
    officer_phone: str = "",
) -> list[tuple[BidResult, LetterContext]]:
    c = file.competition
    winner = result.winner
    ranked = [b for b in result.bids if b.rank is not None]
    priced = [b for b in ranked if b.price is not None]
    lowest = min(priced, key=lambda b: b.price or 0) if priced else None
    lot = CCIN_DPS.lot(c.lot or 0)
    letters = []
    for bid in letter_recipients(file, result):
        member = file.member(bid.supplier_id)
        outcome = OUTCOME_WORDS[bid.outcome]
        scored = bid.outcome in (Outcome.WINNER, Outcome.UNSUCCESSFUL, *SCORED_NOT_RANKED)
        context = LetterContext(
            authority=c.authority or "",
            officer_name=c.officer_name or "",
            officer_email=c.officer_email or "",
            officer_phone=officer_phone,
            letter_date=long_date(sent),
            reference=c.reference or "",
            title=c.title or "",
            lot=lot.label if lot else f"Lot {c.lot}",
            supplier_id=bid.supplier_id,
            supplier_name=member.name if member else bid.supplier_name,
            contact_name=(member.contact_name if member else "") or "Sir or Madam",
            address_lines=_address(member),
            outcome=outcome,  # type: ignore[arg-type]
            rank=bid.rank if bid.outcome in (Outcome.WINNER, Outcome.UNSUCCESSFUL) else None,
            ranked_count=len(ranked),
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
            criteria=criterion_rows(file, bid, winner, lowest) if scored else [],
            reason=bid.reason if bid.outcome in (*SCORED_NOT_RANKED, Outcome.NOT_EVALUATED) else "",
            has_standstill=bool(standstill_end),
            standstill_end=standstill_end,
        )
        letters.append((bid, context))
    return letters

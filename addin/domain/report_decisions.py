"""The decisions around the evaluation that reg. 84 asks to be recorded, as the report states them.

`decisions_on_record` gathers them from the typed workbook: the Declarations sheet and the
evaluators' own declarations on their tabs (regs 24 and 41), the Clarifications log, late bids
(rejected unless a decision to accept is in the audit trail), each price queried as abnormally
low with its reg. 69 record on Bids, the tie-break rule locked at launch with the panel's
decision if one was needed, and the pre-award checks. The sections that lay them out are in
`report_decision_sections`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from addin.domain.bid_results import WON_ON_DECISION
from addin.domain.evaluation import Evaluator, bidder, evaluable_bids, is_late, key
from addin.domain.low_price import flagged, how_low
from addin.domain.models import (
    Bid,
    Clarification,
    CompetitionFile,
    PreAwardCheck,
    RecordedDecision,
)
from addin.domain.outcomes import EvaluationResult
from addin.domain.report_record import ReportRecord
from addin.domain.rules.declarations import declaration_of

NOT_RECORDED = "Not recorded"
ON_THEIR_TAB = "Evaluator (on their tab)"
EXCLUDED = "Excluded from scoring; their tab and marks are kept"


@dataclass(frozen=True)
class Declaration:
    """A conflict-of-interest declaration (reg. 24) or a supplier's prior involvement (reg. 41)."""

    name: str
    role: str
    conflict: bool | None
    details: str
    measures: str
    declared_on: date | None


@dataclass(frozen=True)
class LateBidDecision:
    supplier: str
    received_at: datetime | None
    accepted: bool
    reasons: str
    # Who recorded the decision to accept, and when (a rejection is the rule, not a decision).
    decided_by: str = ""
    decided_at: datetime | None = None


@dataclass(frozen=True)
class LowPriceDecision:
    """A price queried as abnormally low (reg. 69): the explanation asked for and the decision."""

    supplier: str
    price: Decimal | None
    why_queried: str
    explanation_requested_on: date | None
    decision: str
    reasons: str


@dataclass(frozen=True)
class TieBreak:
    """The rule published before launch and locked with the criteria, and how it was used."""

    rule: str
    # The panel's decision between bids the rule left equal, naming the bidder it chose.
    decision: RecordedDecision | None = None
    chosen: str = ""
    decision_used: bool = True
    # Equal highest totals that the published rule itself settled: the winner and why.
    settled_by_rule: str = ""


@dataclass(frozen=True)
class Decisions:
    declarations: Sequence[Declaration]
    clarifications: Sequence[Clarification]
    late_bids: Sequence[LateBidDecision]
    low_prices: Sequence[LowPriceDecision]
    tie_break: TieBreak
    pre_award_checks: Sequence[PreAwardCheck]


def decisions_on_record(record: ReportRecord) -> Decisions:
    file = record.file
    return Decisions(
        declarations=declarations(file, record.evaluators),
        clarifications=file.clarifications,
        late_bids=late_bids(file),
        low_prices=low_prices(file),
        tie_break=tie_break(file, record.result),
        pre_award_checks=[c for c in file.pre_award_checks if c.check],
    )


# --- declarations ---------------------------------------------------------------------------


def declarations(file: CompetitionFile, evaluators: Sequence[Evaluator]) -> list[Declaration]:
    """Every Declarations row, then each evaluator's declaration on their tab."""
    listed = [
        Declaration(
            d.name,
            d.role.value if d.role else "",
            d.conflict,
            d.details,
            _measures(d.conflict, d.measures),
            d.declared_on,
        )
        for d in file.declarations
    ]
    return listed + [_on_their_tab(file, e) for e in evaluators]


def _measures(conflict: bool | None, typed: str) -> str:
    if typed:
        return typed
    return {True: NOT_RECORDED, False: "None needed", None: ""}[conflict]


def _on_their_tab(file: CompetitionFile, evaluator: Evaluator) -> Declaration:
    if evaluator.conflict is True:
        # What was done about it is recorded on the Declarations sheet (scoring insists).
        row = declaration_of(evaluator.name, file.declarations)
        measures = row.measures if row is not None and row.measures else NOT_RECORDED
        details = EXCLUDED
    elif evaluator.conflict is False:
        measures, details = "None needed", ""
    else:
        measures = "None: no declaration was made, so the evaluation cannot be completed"
        details = ""
    return Declaration(
        evaluator.name,
        ON_THEIR_TAB,
        evaluator.conflict,
        details,
        measures,
        evaluator.conflict_date,
    )


# --- late bids, abnormally low prices, the tie-break ----------------------------------------


def late_bids(file: CompetitionFile) -> list[LateBidDecision]:
    """Every bid received after the closing time, and the decision on it."""
    return [_late_bid(file, b) for b in file.bids if b.received and is_late(b, file.competition)]


def _late_bid(file: CompetitionFile, bid: Bid) -> LateBidDecision:
    accepted = file.late_bid_accepted(bid.supplier_id)
    if accepted is None:
        return LateBidDecision(
            bidder(bid),
            bid.received_at,
            accepted=False,
            reasons="Received after the closing time; late bids are not evaluated",
        )
    return LateBidDecision(
        bidder(bid),
        bid.received_at,
        accepted=True,
        reasons=accepted.reason,
        decided_by=accepted.who,
        decided_at=accepted.when,
    )


def low_prices(file: CompetitionFile) -> list[LowPriceDecision]:
    """Each evaluated price flagged as abnormally low, and any other the officer queried."""
    means = {b.row: mean for b, mean in flagged(evaluable_bids(file))}
    return [
        LowPriceDecision(
            supplier=bidder(b),
            price=b.price,
            why_queried=_why_queried(b, means.get(b.row)),
            explanation_requested_on=b.low_price_requested,
            decision=b.low_price_decision.value if b.low_price_decision else NOT_RECORDED,
            reasons=b.low_price_reasons or NOT_RECORDED,
        )
        for b in file.bids
        if b.row in means or b.low_price_requested or b.low_price_decision or b.low_price_reasons
    ]


def _why_queried(bid: Bid, mean: Decimal | None) -> str:
    if mean is None:
        return "Queried by the authority (not more than 20 % below the mean of the other bids)"
    why = how_low(bid, mean)
    return why[:1].upper() + why[1:]


def tie_break(file: CompetitionFile, result: EvaluationResult | None) -> TieBreak:
    rule = file.competition.tie_break.value
    decision = file.tie_break_decision
    winner = result.winner if result else None
    if decision is not None:
        bid = next((b for b in file.bids if key(b.supplier_id) == key(decision.supplier_id)), None)
        # Unused when a re-scoring left no tie (scoring warned TIE_BREAK_NOT_USED).
        used = result is None or (winner is not None and winner.notes.startswith(WON_ON_DECISION))
        chosen = bidder(bid) if bid else decision.supplier_id
        return TieBreak(rule, decision, chosen, decision_used=used)
    if result is None or winner is None:
        return TieBreak(rule)
    if not any(b is not winner and b.rank and b.total == winner.total for b in result.bids):
        return TieBreak(rule)
    why = winner.reason[:1].lower() + winner.reason[1:]
    return TieBreak(rule, settled_by_rule=f"{winner.supplier_name} ({winner.supplier_id}): {why}")

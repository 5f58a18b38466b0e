"""The competition as the rules see it: typed, validated values, each remembering its row."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from pydantic import BaseModel, ConfigDict


class MemberStatus(str, Enum):
    ACTIVE = "Active"
    SUSPENDED = "Suspended"
    REMOVED = "Removed"


class Category(str, Enum):
    QUALITY = "Quality"
    SOCIAL_VALUE = "Social Value"
    PRICE = "Price"


class PriceMethod(str, Enum):
    LOWEST_PRICE = "Lowest price"
    LINEAR = "Linear"


class ModerationMethod(str, Enum):
    CONSENSUS = "Consensus"
    AVERAGE = "Average"


class Role(str, Enum):
    """Who a Declarations row is about (reg. 24 conflicts; reg. 41 prior involvement)."""

    OFFICER = "Officer"
    EVALUATOR = "Evaluator"
    MODERATOR = "Moderator"
    APPROVER = "Approver"
    ADVISER = "Adviser"
    SUPPLIER = "Supplier prior involvement"


class LowPriceDecision(str, Enum):
    ACCEPTED = "Accepted"
    REJECTED = "Rejected"


class TieBreakRule(str, Enum):
    """How equal totals are settled: stated before launch, locked, and applied by scoring."""

    MERIT = "Higher Quality + Social Value points; then the panel's recorded decision"
    LOWER_PRICE = "Lower price; then the panel's recorded decision"
    DECISION = "The panel's recorded decision"


DEFAULT_TIE_BREAK = TieBreakRule.MERIT
# Working days the officer allows between closing and the letters, unless the field says.
DEFAULT_EVALUATION_DAYS = 5
# More days than this to evaluate, or of standstill, is a typing mistake (3000000 for 30): the
# rules refuse it, and no date is counted from it (the calendar ends in the year 9999).
MAX_DAY_COUNT = 365


def countable_days(days: int | None) -> bool:
    """Blank, or 0 to MAX_DAY_COUNT: a day count dates can be worked out from."""
    return days is None or 0 <= days <= MAX_DAY_COUNT


class Status(str, Enum):
    DRAFT = "Draft"
    LAUNCHED = "Launched"
    CLOSED = "Closed"
    EVALUATED = "Evaluated"
    # Letters sent: the council intends to award; the contract waits for the standstill to end.
    STANDSTILL = "Standstill"
    AWARDED = "Awarded"
    # The authority decided not to award (reg. 84(1)(g)); final, like an award.
    ABANDONED = "Abandoned"


class AwardNoticeGrouping(str, Enum):
    """reg. 50(6): a contract award notice for each DPS call-off, or grouped quarterly."""

    EACH_AWARD = "Each award"
    QUARTERLY = "Quarterly"


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class Member(_Record):
    row: int
    supplier_id: str
    name: str
    contact_name: str = ""
    contact_email: str = ""
    telephone: str = ""
    address: str = ""
    lot_1: bool = False
    lot_2: bool = False
    status: MemberStatus | None = None
    admitted_on: date | None = None
    sme: bool | None = None
    vcse: bool | None = None
    notes: str = ""

    def on_lot(self, lot: int) -> bool:
        return {1: self.lot_1, 2: self.lot_2}.get(lot, False)

    def eligible_for(self, lot: int) -> bool:
        return self.status is MemberStatus.ACTIVE and self.on_lot(lot)


class Criterion(_Record):
    row: int
    id: str
    category: Category
    text: str
    weight: Decimal
    max_score: int | None = None
    minimum_score: Decimal | None = None
    guidance: str = ""

    @property
    def is_price(self) -> bool:
        return self.category is Category.PRICE


class Bid(_Record):
    row: int
    supplier_id: str
    supplier_name: str = ""
    invited: bool = False
    received: bool = False
    received_at: datetime | None = None
    # False when Received at is a date with no time of day (see cells.has_time_of_day).
    received_time_known: bool = True
    price: Decimal | None = None
    compliant: bool | None = None
    notes: str = ""
    # Share of the contract the bidder will subcontract, and to whom, where known (reg. 84(1)(e)).
    subcontracting_percent: Decimal | None = None
    subcontractors: str = ""
    # reg. 69: the date the bidder was asked to explain a low price, the decision and why.
    low_price_requested: date | None = None
    low_price_decision: LowPriceDecision | None = None
    low_price_reasons: str = ""


class Competition(_Record):
    """The Competition sheet. Fields are optional so one bad value never hides the others."""

    reference: str | None = None
    title: str | None = None
    authority: str | None = None
    lot: int | None = None
    officer_name: str | None = None
    officer_email: str | None = None
    estimated_value: Decimal | None = None
    invitation_date: date | None = None
    closing_date: datetime | None = None
    contract_start: date | None = None
    contract_end: date | None = None
    price_method: PriceMethod = PriceMethod.LOWEST_PRICE
    score_scale_max: int | None = None
    moderation_method: ModerationMethod = ModerationMethod.CONSENSUS
    standstill_days: int | None = None
    status: Status = Status.DRAFT
    award_notice_grouping: AwardNoticeGrouping = AwardNoticeGrouping.EACH_AWARD
    # Set by the letters: the last second of the standstill (reg. 87), UK time.
    standstill_end: datetime | None = None
    # Optional: letters and the reg. 84 report print it under the authority's name.
    authority_address: str | None = None
    members_list_dated: date | None = None
    # Blank means the default: None here, so the launch lock records what was typed.
    evaluation_days: int | None = None
    tie_break_rule: TieBreakRule | None = None

    @property
    def tie_break(self) -> TieBreakRule:
        return self.tie_break_rule or DEFAULT_TIE_BREAK

    @property
    def evaluation_allowance(self) -> int:
        return DEFAULT_EVALUATION_DAYS if self.evaluation_days is None else self.evaluation_days

    @property
    def standstill_allowance(self) -> int:
        """The standstill days dates are worked out with (0: none), within what can be counted."""
        return min(max(self.standstill_days or 0, 0), MAX_DAY_COUNT)


class Declaration(_Record):
    """A row of tblDeclarations: a person's conflict declaration, or a supplier's involvement."""

    row: int
    name: str
    role: Role | None = None
    conflict: bool | None = None
    details: str = ""
    measures: str = ""
    declared_on: date | None = None


class PreAwardCheck(_Record):
    """A row of tblPreAward: one check on the winner's up-to-date evidence before award."""

    row: int
    check: str
    confirmed_on: date | None = None
    confirmed_by: str = ""
    notes: str = ""


class Clarification(_Record):
    """A row of tblClarifications: a bidder's question and the answer shared with all."""

    row: int
    received_on: date | None = None
    question: str = ""
    answer: str = ""
    published_on: datetime | None = None


class RecordedDecision(_Record):
    """An officer's decision about one bid, as recorded in the audit trail."""

    supplier_id: str
    reason: str
    when: datetime
    who: str = ""


class CompetitionFile(_Record):
    """Everything read from one workbook's tables."""

    competition: Competition
    criteria: tuple[Criterion, ...] = ()
    members: tuple[Member, ...] = ()
    bids: tuple[Bid, ...] = ()
    declarations: tuple[Declaration, ...] = ()
    pre_award_checks: tuple[PreAwardCheck, ...] = ()
    clarifications: tuple[Clarification, ...] = ()
    # From the audit trail (addin.domain.decisions), not from a table.
    late_bids_accepted: tuple[RecordedDecision, ...] = ()
    tie_break_decision: RecordedDecision | None = None

    def member(self, supplier_id: str) -> Member | None:
        key = supplier_id.casefold()
        return next((m for m in self.members if m.supplier_id.casefold() == key), None)

    def late_bid_accepted(self, supplier_id: str) -> RecordedDecision | None:
        key = supplier_id.strip().casefold()
        return next(
            (d for d in self.late_bids_accepted if d.supplier_id.strip().casefold() == key), None
        )

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
    model_config = ConfigDict(frozen=True)


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


class CompetitionFile(_Record):
    """Everything read from one workbook's tables."""

    competition: Competition
    criteria: tuple[Criterion, ...] = ()
    members: tuple[Member, ...] = ()
    bids: tuple[Bid, ...] = ()

    def member(self, supplier_id: str) -> Member | None:
        key = supplier_id.casefold()
        return next((m for m in self.members if m.supplier_id.casefold() == key), None)

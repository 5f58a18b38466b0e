"""The one place that describes the CCIN Consultancy Services DPS itself."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict


class Lot(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    number: int
    name: str

    @property
    def label(self) -> str:
        return f"Lot {self.number} – {self.name}"


class DynamicPurchasingSystem(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    name: str
    owner: str
    portal: str
    starts: date
    ends: date
    maximum_value_gbp: Decimal
    lots: tuple[Lot, ...]
    legal_basis: str
    contact: str

    def lot(self, number: int) -> Lot | None:
        return next((lot for lot in self.lots if lot.number == number), None)

    def covers(self, day: date) -> bool:
        return self.starts <= day <= self.ends

    @property
    def period_text(self) -> str:
        # %-d is not portable (Windows rejects it), so the day is formatted separately.
        return f"{self.starts.day} {self.starts:%B %Y} – {self.ends.day} {self.ends:%B %Y}"


CCIN_DPS = DynamicPurchasingSystem(
    name="CCIN Consultancy Services Dynamic Purchasing System",
    owner="Oldham Council, for the Co-operative Councils' Innovation Network (CCIN)",
    portal="The Chest (www.the-chest.org.uk)",
    starts=date(2020, 4, 1),
    # The Procurement Act 2023 lets a PCR 2015 DPS run to 23 Feb 2029 at the latest.
    ends=date(2029, 2, 23),
    maximum_value_gbp=Decimal("30000000"),
    lots=(
        Lot(number=1, name="Policy Development & Testing"),
        Lot(number=2, name="Capacity Building"),
    ),
    legal_basis="Public Contracts Regulations 2015, regulation 34 (call-off by mini-competition)",
    contact="Jonathan Downs, Corporate Policy Lead, Oldham Council (jonathan.downs@oldham.gov.uk)",
)

# Days between invitation and closing: the legal floor and the DPS owner's recommendation,
# counted as addin.domain.periods counts them (the invitation day does not count).
MINIMUM_TENDER_DAYS = 10
RECOMMENDED_TENDER_DAYS = 14
# reg. 87: a voluntary standstill protects against ineffectiveness (reg. 99) only if it lasts
# at least this long; fewer days is not a standstill.
MINIMUM_STANDSTILL_DAYS = 10
# Days of room before the DPS expires below which an award plan is flagged as tight.
EXPIRY_MARGIN_DAYS = 30

"""The DPS owner's register: every call-off, added up against the DPS's maximum and expiry.

Pure computations over call-offs read from workbooks or OCDS files (the readers live in
addin/services/register.py and addin/domain/register_ocds.py). Values are counted excluding VAT,
as the DPS's estimated maximum value is (PCR 2015 reg. 6). Only awarded call-offs (contract
signed, value recorded) count towards the totals; the others are listed with their status.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from pydantic import BaseModel, ConfigDict

from addin.domain.dps import CCIN_DPS, DynamicPurchasingSystem
from addin.domain.problems import Problem, Severity
from addin.domain.publication import quarter_label

# Warn when the awarded value reaches these shares of the DPS maximum; error above 100 %.
WARN_AT = ((Decimal(90), "DPS_MAXIMUM_90_PERCENT"), (Decimal(80), "DPS_MAXIMUM_80_PERCENT"))
HUNDRED = Decimal(100)


class CallOff(BaseModel):
    """One call-off as the register sees it; `where` names the cell or JSON path of each value."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    source: str
    council: str
    reference: str
    title: str = ""
    lot: int | None = None
    supplier_id: str = ""
    supplier: str = ""
    sme: bool | None = None
    vcse: bool | None = None
    invited: int | None = None
    bids: int | None = None
    value_ex_vat: Decimal | None = None
    value_inc_vat: Decimal | None = None
    signed: date | None = None
    start: date | None = None
    end: date | None = None
    standstill_end: datetime | None = None
    publication: str = ""
    status: str = ""
    ocid: str = ""
    where: dict[str, str] = {}

    @property
    def awarded(self) -> bool:
        return self.signed is not None and self.value_ex_vat is not None

    @property
    def value(self) -> Decimal:
        return self.value_ex_vat or Decimal(0)

    def cell(self, field: str) -> str:
        return f"{self.source}: {self.where[field]}" if field in self.where else self.source


class Share(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    name: str
    count: int
    value: Decimal
    value_percent: Decimal  # of the total awarded value
    count_percent: Decimal  # of the number awarded


class Cumulative(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    signed: date
    reference: str
    council: str
    value: Decimal
    total: Decimal


class RegisterSummary(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    call_offs: int  # listed
    awarded: int
    total_ex_vat: Decimal
    total_inc_vat: Decimal
    maximum: Decimal
    used_percent: Decimal
    days_left: int
    expires: date
    lots: tuple[Share, ...]
    councils: tuple[Share, ...]
    suppliers: tuple[Share, ...]
    sme: Share
    vcse: Share
    quarters: tuple[Share, ...]
    cumulative: tuple[Cumulative, ...]


def percent(part: Decimal | int, whole: Decimal | int) -> Decimal:
    """To one decimal place, half up; 0 of nothing is 0."""
    if not whole:
        return Decimal(0)
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _shares(
    awarded: Sequence[CallOff], key: Callable[[CallOff], str], order: str = "value"
) -> tuple[Share, ...]:
    total = sum((c.value for c in awarded), Decimal(0))
    groups: dict[str, list[CallOff]] = {}
    for call_off in awarded:
        groups.setdefault(key(call_off), []).append(call_off)
    shares = [
        Share(
            name=name,
            count=len(group),
            value=sum((c.value for c in group), Decimal(0)),
            value_percent=percent(sum((c.value for c in group), Decimal(0)), total),
            count_percent=percent(len(group), len(awarded)),
        )
        for name, group in groups.items()
    ]
    if order == "value":
        return tuple(sorted(shares, key=lambda s: (-s.value, s.name.casefold())))
    return tuple(sorted(shares, key=lambda s: s.name))


def _share_of(awarded: Sequence[CallOff], name: str, test: Callable[[CallOff], bool]) -> Share:
    chosen = [c for c in awarded if test(c)]
    total = sum((c.value for c in awarded), Decimal(0))
    value = sum((c.value for c in chosen), Decimal(0))
    return Share(
        name=name,
        count=len(chosen),
        value=value,
        value_percent=percent(value, total),
        count_percent=percent(len(chosen), len(awarded)),
    )


def _cumulative(awarded: Sequence[CallOff]) -> tuple[Cumulative, ...]:
    running = Decimal(0)
    points = []
    for c in sorted(awarded, key=lambda c: (c.signed or date.min, c.council, c.reference)):
        running += c.value
        assert c.signed is not None
        points.append(
            Cumulative(
                signed=c.signed,
                reference=c.reference,
                council=c.council,
                value=c.value,
                total=running,
            )
        )
    return tuple(points)


def days_left(today: date, dps: DynamicPurchasingSystem = CCIN_DPS) -> int:
    """Whole days after today until the DPS expires at the end of its last day (0 on that day)."""
    return (dps.ends - today).days


def summarise(
    call_offs: Sequence[CallOff], today: date, dps: DynamicPurchasingSystem = CCIN_DPS
) -> RegisterSummary:
    awarded = [c for c in call_offs if c.awarded]
    total = sum((c.value for c in awarded), Decimal(0))
    return RegisterSummary(
        call_offs=len(call_offs),
        awarded=len(awarded),
        total_ex_vat=total,
        total_inc_vat=sum((c.value_inc_vat or Decimal(0) for c in awarded), Decimal(0)),
        maximum=dps.maximum_value_gbp,
        used_percent=percent(total, dps.maximum_value_gbp),
        days_left=days_left(today, dps),
        expires=dps.ends,
        lots=_shares(awarded, lambda c: f"Lot {c.lot}", order="name"),
        councils=_shares(awarded, lambda c: c.council),
        suppliers=_shares(awarded, lambda c: c.supplier or c.supplier_id),
        sme=_share_of(awarded, "SME", lambda c: c.sme is True),
        vcse=_share_of(awarded, "VCSE", lambda c: c.vcse is True),
        quarters=_shares(awarded, lambda c: quarter_label(c.signed or date.min), order="name"),
        cumulative=_cumulative(awarded),
    )


def maximum_problems(summary: RegisterSummary) -> list[Problem]:
    """DPS_MAXIMUM_EXCEEDED above 100 %; a warning from 80 % and from 90 % of the maximum."""
    used = summary.total_ex_vat * HUNDRED / summary.maximum
    figures = (
        f"£{summary.total_ex_vat:,.2f} excluding VAT awarded, {summary.used_percent} % of the "
        f"£{summary.maximum:,.0f} maximum"
    )
    if summary.total_ex_vat > summary.maximum:
        return [
            Problem(
                code="DPS_MAXIMUM_EXCEEDED",
                severity=Severity.ERROR,
                message=f"The DPS's maximum value is exceeded: {figures}.",
            )
        ]
    for threshold, code in WARN_AT:
        if used >= threshold:
            return [
                Problem(
                    code=code,
                    severity=Severity.WARNING,
                    message=f"The DPS has reached {threshold} % of its maximum value: {figures}.",
                )
            ]
    return []

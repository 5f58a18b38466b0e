"""Recording the award: the contract concluded once the standstill has ended.

Before the standstill ends the council only *intends* to award; the contract may be concluded
from the first second after it, and only while no claim is open (reg. 95). The award record is
kept on the Award sheet (tblAward, Field | Value), written by `dps award` and read by the register.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from addin.domain import schema
from addin.domain.cells import CellReader, as_text
from addin.domain.challenge import Challenge
from addin.domain.dps import CCIN_DPS, DynamicPurchasingSystem
from addin.domain.models import Competition
from addin.domain.problems import Problem
from addin.domain.standstill import describe_standstill_end

# The Award sheet's fields, in order.
SUPPLIER_ID = "Supplier ID"
SUPPLIER_NAME = "Supplier name"
SIGNED = "Contract signed"
VALUE_EX_VAT = "Value excl. VAT (GBP)"
VALUE_INC_VAT = "Value incl. VAT (GBP)"
START = "Contract start"
END = "Contract end"
OCID = "OCDS ocid"
RECORDED_AT = "Recorded at"
RECORDED_BY = "Recorded by"
# The officer's terms first, in the rows the ribbon's Award sheet asks for them.
FIELDS = (
    SIGNED,
    VALUE_EX_VAT,
    VALUE_INC_VAT,
    START,
    END,
    SUPPLIER_ID,
    SUPPLIER_NAME,
    OCID,
    RECORDED_AT,
    RECORDED_BY,
)
LETTERS_ISSUED = ("Letters issued", "Letters re-issued (--force)")
AWARD_ACTION = "Contract awarded"


class AwardTerms(BaseModel):
    """What the officer gives `dps award`."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    signed: date
    value_ex_vat: Decimal
    value_inc_vat: Decimal
    start: date | None = None
    end: date | None = None


class AwardRecord(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    supplier_id: str
    supplier_name: str
    signed: date
    value_ex_vat: Decimal
    value_inc_vat: Decimal
    start: date | None = None
    end: date | None = None
    ocid: str = ""
    recorded_at: datetime | None = None
    recorded_by: str = ""

    def rows(self) -> list[dict[str, object]]:
        values: dict[str, object] = {
            SUPPLIER_ID: self.supplier_id,
            SUPPLIER_NAME: self.supplier_name,
            SIGNED: self.signed,
            VALUE_EX_VAT: self.value_ex_vat,
            VALUE_INC_VAT: self.value_inc_vat,
            START: self.start,
            END: self.end,
            OCID: self.ocid,
            RECORDED_AT: self.recorded_at,
            RECORDED_BY: self.recorded_by,
        }
        return [{"Field": f, "Value": values[f]} for f in FIELDS]


def _terms_refusal(
    c: Competition, terms: AwardTerms, now: datetime, dps: DynamicPurchasingSystem
) -> str | None:
    if terms.value_ex_vat <= 0:
        return f"the value excluding VAT must be more than £0 (it is {terms.value_ex_vat})"
    if terms.value_inc_vat < terms.value_ex_vat:
        return (
            f"the value including VAT (£{terms.value_inc_vat:,}) is less than the value "
            f"excluding VAT (£{terms.value_ex_vat:,}): check the two figures"
        )
    if terms.signed > now.date():
        return f"the contract signing date {terms.signed:%d/%m/%Y} is in the future"
    if terms.signed > dps.ends:
        return (
            f"the DPS expired at the end of {dps.ends:%d/%m/%Y}: no call-off can be concluded "
            f"after it (signed {terms.signed:%d/%m/%Y})"
        )
    start, end = terms.start or c.contract_start, terms.end or c.contract_end
    if start and end and end < start:
        return f"the contract ends ({end:%d/%m/%Y}) before it starts ({start:%d/%m/%Y})"
    return None


def award_refusal(
    c: Competition,
    terms: AwardTerms,
    now: datetime,
    letters_details: Sequence[str],
    challenge: Challenge | None,
    dps: DynamicPurchasingSystem = CCIN_DPS,
) -> str | None:
    """Why the award may not be recorded now, or None. `letters_details` are the audit details
    of each time the letters were issued (the last one counts)."""
    if not letters_details:
        return "no letters have been issued: issue them first (dps letters)"
    end = c.standstill_end
    if end is None and c.standstill_days:
        return (
            "the Competition sheet has no Standstill end although a standstill was offered; "
            "restore it from the latest backup"
        )
    if end is not None:
        recorded = describe_standstill_end(end)
        if recorded not in letters_details[-1]:
            return (
                f"the Standstill end ({recorded}) is not the one recorded in the audit trail when "
                "the letters were issued; restore it from the latest backup"
            )
        if now <= end:
            return (
                f"the standstill has not ended: it ends at {recorded} (UK time). The council "
                "may only conclude the contract after it"
            )
        if terms.signed <= end.date():
            return (
                f"the contract signing date {terms.signed:%d/%m/%Y} is not after the standstill "
                f"ended ({recorded})"
            )
    if challenge is not None:
        return (
            f"a challenge received on {challenge.received:%d/%m/%Y} is open, which suspends "
            "the award (reg. 95): record its resolution with dps challenge --resolved first"
        )
    return _terms_refusal(c, terms, now, dps)


def read_award(rows: Sequence[Mapping[str, object]]) -> tuple[AwardRecord | None, list[Problem]]:
    """The Award sheet as written by `dps award`; None when it holds no award."""
    values = {as_text(r.get("Field")): r.get("Value") for r in rows}
    if not as_text(values.get(SUPPLIER_ID)):
        return None, []
    reader = CellReader(schema.AWARD.name)
    signed = reader.day(values.get(SIGNED), SIGNED, "Value")
    ex_vat = reader.decimal(values.get(VALUE_EX_VAT), VALUE_EX_VAT, "Value")
    inc_vat = reader.decimal(values.get(VALUE_INC_VAT), VALUE_INC_VAT, "Value")
    start = values.get(START)
    end = values.get(END)
    at = values.get(RECORDED_AT)
    record = None
    if signed is not None and ex_vat is not None and inc_vat is not None:
        record = AwardRecord(
            supplier_id=as_text(values.get(SUPPLIER_ID)),
            supplier_name=as_text(values.get(SUPPLIER_NAME)),
            signed=signed,
            value_ex_vat=ex_vat,
            value_inc_vat=inc_vat,
            start=reader.day(start, START, "Value") if as_text(start) else None,
            end=reader.day(end, END, "Value") if as_text(end) else None,
            ocid=as_text(values.get(OCID)),
            recorded_at=reader.optional_moment(at, RECORDED_AT, "Value"),
            recorded_by=as_text(values.get(RECORDED_BY)),
        )
    return record, reader.problems


# What the officer types on the Award sheet before pressing Award in Excel (the CLI takes the
# same facts as options).
TERMS_FIELDS = (SIGNED, VALUE_EX_VAT, VALUE_INC_VAT, START, END)


def terms_rows(c: Competition) -> list[dict[str, object]]:
    """The Award sheet ready for the officer: the contract period prefilled from Competition."""
    given: dict[str, object] = {START: c.contract_start, END: c.contract_end}
    return [{"Field": f, "Value": given.get(f)} for f in TERMS_FIELDS]


def read_terms(rows: Sequence[Mapping[str, object]]) -> tuple[AwardTerms | None, list[Problem]]:
    """The terms typed on the Award sheet; problems name each cell to fill in."""
    values = {as_text(r.get("Field")): r.get("Value") for r in rows}
    reader = CellReader(schema.AWARD.name)
    signed = reader.day(values.get(SIGNED), SIGNED, "Value")
    ex_vat = reader.decimal(values.get(VALUE_EX_VAT), VALUE_EX_VAT, "Value")
    inc_vat = reader.decimal(values.get(VALUE_INC_VAT), VALUE_INC_VAT, "Value")
    start, end = values.get(START), values.get(END)
    start_day = reader.day(start, START, "Value") if as_text(start) else None
    end_day = reader.day(end, END, "Value") if as_text(end) else None
    if reader.problems or signed is None or ex_vat is None or inc_vat is None:
        return None, reader.problems
    terms = AwardTerms(
        signed=signed, value_ex_vat=ex_vat, value_inc_vat=inc_vat, start=start_day, end=end_day
    )
    return terms, []

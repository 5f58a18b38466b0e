"""The award record for the DPS owner (Oldham Council), written when the contract is concluded.

Everything Oldham needs to track the DPS against its maximum value and expiry: the contract date,
the value awarded with and without VAT, the supplier's SME/VCSE status, how many were invited
and how many bid, when the standstill ended and what must be published by when.
"""

from __future__ import annotations

from collections.abc import Sequence

from addin.domain.award import AwardRecord
from addin.domain.dps import CCIN_DPS
from addin.domain.evaluation import show_money
from addin.domain.models import CompetitionFile
from addin.domain.publication import Notice
from addin.domain.standstill import describe_standstill_end, long_date


def _yes_no(value: bool | None) -> str:
    return "not recorded" if value is None else "Yes" if value else "No"


def award_record(file: CompetitionFile, record: AwardRecord, duties: Sequence[Notice]) -> str:
    c = file.competition
    lot = CCIN_DPS.lot(c.lot or 0)
    member = file.member(record.supplier_id)
    invited = sum(1 for b in file.bids if b.invited)
    received = sum(1 for b in file.bids if b.received)
    start, end = record.start or c.contract_start, record.end or c.contract_end
    lines = [
        f"To: {CCIN_DPS.contact}",
        f"Subject: Call-off contract awarded under the {CCIN_DPS.name} – {c.reference}",
        "",
        f"{c.authority} has concluded a call-off contract under the DPS, after the standstill "
        "ended with no challenge open:",
        "",
        f"Reference: {c.reference}",
        f"Title: {c.title}",
        f"Lot: {lot.label if lot else c.lot}",
        f"Supplier: {record.supplier_name} ({record.supplier_id})",
        f"SME: {_yes_no(member.sme if member else None)}",
        f"VCSE: {_yes_no(member.vcse if member else None)}",
        f"Contract signed: {long_date(record.signed)}",
        f"Value awarded: {show_money(record.value_ex_vat)} excluding VAT "
        f"({show_money(record.value_inc_vat)} including VAT)",
        f"Contract period: {long_date(start)} to {long_date(end)}" if start and end else "",
        f"Suppliers invited: {invited}",
        f"Bids received: {received}",
        f"Standstill ended: {describe_standstill_end(c.standstill_end)}"
        if c.standstill_end
        else "Standstill: none offered",
        f"OCDS ocid: {record.ocid}" if record.ocid else "",
        "",
        "Publication (the council's duties; references on the workbook's Publication sheet):",
        *(f"- {d.where}: {d.notice}, due by {long_date(d.due_by)}" for d in duties),
        "",
        f"Contact: {c.officer_name}, {c.officer_email}",
    ]
    return "\n".join(line for i, line in enumerate(lines) if line or lines[i - 1]) + "\n"

"""The demo's last steps: the standstill passes, the award and its OCDS record, then the DPS
owner's register over this call-off and other councils' (invented) ones."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from addin.demo.other_councils import write_call_offs
from addin.domain.award import AwardTerms
from addin.domain.standstill import long_date
from addin.services.award import record_award
from addin.services.loading import load_competition
from addin.services.ocds import PLACEHOLDER_PREFIX
from addin.services.register import build_register
from addin.workbook.file_workbook import FileWorkbook
from addin.workbook.register_book import write_register

OFFICER = "Sam Patel"
OTHER_COUNCILS = "sent-to-Oldham"
REGISTER = "CCIN DPS register.xlsx"
WINNING_PRICE = Decimal("59900")  # the winning bid, excluding VAT; VAT at 20 %


def award_after_standstill(workbook: Path) -> tuple[list[str], datetime]:
    """The morning after the standstill's last second, the contract is signed and recorded."""
    ends = load_competition(workbook).file.competition.standstill_end
    assert ends is not None, "the demo's letters offer a standstill"
    signed_at = datetime.combine(ends.date() + timedelta(days=1), time(10, 0))
    terms = AwardTerms(
        signed=signed_at.date(),
        value_ex_vat=WINNING_PRICE,
        value_inc_vat=WINNING_PRICE * Decimal("1.2"),
    )
    # The placeholder prefix keeps the demo's output the same on every machine.
    result = record_award(
        FileWorkbook(workbook), terms, workbook.parent, OFFICER, signed_at, PLACEHOLDER_PREFIX
    )
    steps = [
        f"The standstill ended at midnight at the end of {long_date(ends.date(), weekday=True)}"
        " with no challenge recorded",
        f"Recorded the award on {long_date(signed_at.date())}: {result.record.supplier_name}, "
        f"£{terms.value_ex_vat:,} excl. VAT (£{terms.value_inc_vat:,.0f} incl. VAT); status Awarded",
        *(
            f"Publication: {d.where} — {d.notice}, due by {long_date(d.due_by)}"
            for d in result.duties
        ),
        f"Award record for Oldham Council: {result.notice.name}",
        f"OCDS release package: {result.ocds.name} (ocid {result.record.ocid}; the prefix is a "
        "placeholder until the council registers its own)",
    ]
    return steps, signed_at


def register_of_call_offs(workbook: Path, today: datetime) -> list[str]:
    """Oldham's register over this workbook and the OCDS files other councils sent."""
    folder = workbook.parent / OTHER_COUNCILS
    sent = write_call_offs(folder, PLACEHOLDER_PREFIX)
    found = build_register([str(workbook), str(folder)], today.date())
    s = found.summary
    write_register(workbook.parent / REGISTER, found.call_offs, s, found.problems, [], today.date())
    councils = sorted({c.council for c in found.call_offs})
    return [
        f"Oldham's register over this workbook and {len(sent)} OCDS files from other councils "
        f"({OTHER_COUNCILS}/): {REGISTER}",
        f"Register: {s.awarded} call-offs by {len(councils)} councils, "
        f"£{s.total_ex_vat:,.2f} excl. VAT = {s.used_percent} % of the £30m maximum",
        "Register by lot: "
        + "; ".join(f"{x.name} {x.count} call-offs £{x.value:,.0f}" for x in s.lots),
        f"Register: SME {s.sme.count_percent} % of call-offs ({s.sme.value_percent} % of value), "
        f"VCSE {s.vcse.count_percent} % ({s.vcse.value_percent} % of value)",
        "Register by quarter: "
        + "; ".join(f"{q.name} {q.count} (£{q.value:,.0f})" for q in s.quarters),
        f"Register: {s.days_left} days left until the DPS expires at the end of "
        f"{long_date(s.expires)}; {len(found.problems)} problem(s)",
    ]

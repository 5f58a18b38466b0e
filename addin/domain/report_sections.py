"""The sections of the reg. 84 report that come straight from the workbook's tables.

Dates are written out ("17 November 2026") and times say "UK time": the report is read by
people who were not there, and a numeric date means another day to an American reader.
Column widths are relative and chosen per column, so no word is broken across lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from addin.domain.dps import CCIN_DPS
from addin.domain.evaluation import (
    Evaluator,
    Moderation,
    key,
    show_money,
)
from addin.domain.marks import scored_criteria
from addin.domain.models import Bid, CompetitionFile
from addin.domain.report_blocks import Report
from addin.domain.report_record import ReportRecord
from addin.domain.uk_time import long_date, long_moment

NONE_RECORDED = "Not recorded"


def _day(value: date | None) -> str:
    return long_date(value) if value else ""


def _value_awarded(record: ReportRecord) -> str:
    winner = record.result.winner if record.result else None
    if record.abandonment is not None:
        return "None: the competition was abandoned (see Decision not to award)"
    if winner is None or winner.price is None:
        return "Not yet decided"
    return f"{show_money(winner.price)}, the successful bid's price"


def contract(report: Report, record: ReportRecord) -> None:
    c = record.file.competition
    lot = CCIN_DPS.lot(c.lot or 0)
    report.heading("The contracting authority and the contract")
    period = (
        f"{long_date(c.contract_start)} to {long_date(c.contract_end)}"
        if c.contract_start and c.contract_end
        else ""
    )
    report.table(
        ("Item", "Record"),
        [
            ("Contracting authority", c.authority),
            ("Address", c.authority_address or NONE_RECORDED),
            ("Subject matter", c.title),
            ("Reference", c.reference),
            ("Dynamic purchasing system", f"{CCIN_DPS.name}, run by {CCIN_DPS.owner}"),
            ("Lot", lot.label if lot else c.lot),
            ("Legal basis", CCIN_DPS.legal_basis),
            ("Estimated value", show_money(c.estimated_value) if c.estimated_value else ""),
            ("Value awarded", _value_awarded(record)),
            ("Invitation date", _day(c.invitation_date)),
            ("Closing time", long_moment(c.closing_date) if c.closing_date else ""),
            ("Contract period", period),
            ("Officer", f"{c.officer_name} ({c.officer_email})"),
            ("Price scoring method", c.price_method.value),
            ("Moderation method", c.moderation_method.value),
            ("Status", c.status.value),
            ("Criteria fingerprint (SHA-256)", record.fingerprint),
        ],
        widths=(4.2, 11.8),
    )


def criteria(report: Report, file: CompetitionFile) -> None:
    report.heading("Award criteria and weightings (as published)")
    report.table(
        ("ID", "Category", "Criterion", "Weight %", "Max score", "Minimum score"),
        [
            (
                c.id,
                c.category.value,
                c.text,
                f"{c.weight.normalize():f}",
                c.max_score,
                c.minimum_score,
            )
            for c in file.criteria
        ],
        widths=(1.3, 2.4, 7.1, 1.7, 1.7, 1.8),
    )


def _yes_no(value: bool | None) -> str:
    return {True: "Yes", False: "No", None: ""}[value]


def invitations(report: Report, file: CompetitionFile) -> None:
    report.heading("Suppliers invited and bids received")
    invited = sum(1 for b in file.bids if b.invited)
    received = sum(1 for b in file.bids if b.received)
    lot = CCIN_DPS.lot(file.competition.lot or 0)
    report.say(
        f"{invited} supplier(s) admitted to {lot.label if lot else 'the lot'} were invited "
        f"(every active member of the lot); {received} bid(s) were received."
    )
    report.table(
        ("Supplier ID", "Supplier", "Invited", "Bid received", "Received at", "Price", "Compliant"),
        [
            (
                b.supplier_id,
                b.supplier_name,
                _yes_no(b.invited),
                _yes_no(b.received),
                long_moment(b.received_at) if b.received_at else "",
                show_money(b.price) if b.price is not None else "",
                _yes_no(b.compliant),
            )
            for b in file.bids
        ],
        widths=(2.1, 3.9, 1.6, 1.7, 3.2, 1.9, 1.9),
    )


def communications(report: Report) -> None:
    report.heading("Communications")
    report.say(
        "All communications and exchanges of information in this mini-competition – the "
        "invitation, clarifications, the bids and the outcome letters – were by electronic "
        f"means, through {CCIN_DPS.portal} and email, as a dynamic purchasing system requires. "
        "No other means were used."
    )


def scores(report: Report, file: CompetitionFile, evaluators: Sequence[Evaluator]) -> None:
    """Every evaluator's score and rationale, one table per supplier so each stays readable."""
    report.heading("Every score and its rationale")
    maxima = {key(c.id): c.max_score for c in scored_criteria(file.criteria)}
    suppliers: dict[str, list[tuple[object, ...]]] = {}
    for ev in evaluators:
        for m in ev.marks:
            suppliers.setdefault(key(m.supplier_id), []).append(
                (m.criterion_id, ev.name, m.raw_score, maxima.get(key(m.criterion_id)), m.rationale)
            )
    if not suppliers:
        report.say("No scores have been entered yet.")
        return
    names = {key(b.supplier_id): b for b in file.bids}
    for supplier, rows in suppliers.items():
        bid: Bid | None = names.get(supplier)
        report.heading(f"{bid.supplier_name} ({bid.supplier_id})" if bid else supplier, 3)
        report.table(
            ("Criterion", "Evaluator", "Score", "Out of", "Rationale"),
            sorted(rows, key=lambda r: str(r[0])),
            widths=(2, 2.8, 1.4, 1.4, 8.4),
        )


def moderation(report: Report, moderated: Sequence[Moderation]) -> None:
    report.heading("Moderation decisions")
    agreed = [m for m in moderated if m.raw_score]
    if not agreed:
        report.say("No moderated scores were needed: every score used was unanimous or averaged.")
        return
    report.table(
        ("Supplier ID", "Criterion", "Moderated score", "Reason"),
        [(m.supplier_id, m.criterion_id, m.raw_score, m.rationale) for m in agreed],
        widths=(2.4, 2, 2.4, 9.2),
    )

"""The sections of the reg. 84 report that come straight from the workbook's tables.

Dates are written out ("17 November 2026") and times say "UK time": the report is read by
people who were not there, and a numeric date means another day to an American reader.
Column widths are relative and chosen per column, so no word is broken across lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from addin.domain.abandonment import Abandonment
from addin.domain.audit import AuditEntry
from addin.domain.dps import CCIN_DPS
from addin.domain.evaluation import (
    Evaluator,
    Moderation,
    key,
    show_money,
    show_number,
    show_points,
)
from addin.domain.marks import scored_criteria
from addin.domain.models import Bid, Category, CompetitionFile
from addin.domain.outcomes import BidResult, CriterionResult, EvaluationResult, Outcome
from addin.domain.report_blocks import Report
from addin.domain.report_record import LetterRecord, ReportRecord
from addin.domain.standstill import describe_standstill_end
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


def _subcontracting(file: CompetitionFile, winner: BidResult) -> str:
    bid = next((b for b in file.bids if key(b.supplier_id) == key(winner.supplier_id)), None)
    share = bid.subcontracting_percent if bid else None
    names = bid.subcontractors.strip() if bid else ""
    if share is None:
        known = f" Named subcontractors: {names}." if names else ""
        return f"The bid does not state what share of the contract would be subcontracted.{known}"
    if share == 0:
        return "The bid states that no part of the contract will be subcontracted."
    to = f", to {names}" if names else " (subcontractors not named)"
    return f"Share of the contract to be subcontracted: {share.normalize():f} %{to}."


def _price_reason(record: ReportRecord, result: EvaluationResult) -> str:
    ranked = [b.price for b in result.bids if b.rank is not None and b.price is not None]
    method = record.file.competition.price_method.value
    lowest = f", {show_money(min(ranked))}" if ranked else ""
    return f"Scored by the published method ({method}) against the lowest evaluated price{lowest}."


def _successful(report: Report, record: ReportRecord, result: EvaluationResult) -> None:
    report.heading("The successful bidder and why")
    winner = result.winner
    if winner is None:
        report.say("No bid could be ranked, so there is no successful bidder.")
        return
    ranked = sum(1 for b in result.bids if b.rank is not None)
    price = f" for a price of {show_money(winner.price)}" if winner.price is not None else ""
    report.say(
        f"{winner.supplier_name} ({winner.supplier_id}) submitted the most economically "
        "advantageous tender on the published award criteria and weightings: "
        f"{show_points(winner.total)} points out of 100, ranked first of {ranked} (Quality "
        f"{show_points(winner.quality)}, Social Value {show_points(winner.social_value)}, Price "
        f"{show_points(winner.price_points)}{price})."
    )
    report.say("The panel's reasons for its scores, criterion by criterion:")
    texts = {key(c.id): c.text for c in record.file.criteria}
    price_reason = _price_reason(record, result)
    report.table(
        ("Criterion", "Score", "Points", "Reasons"),
        [
            (
                f"{c.criterion_id} {texts.get(key(c.criterion_id), '')}",
                _winner_score(winner, c),
                show_points(c.points),
                price_reason if c.category is Category.PRICE else c.rationale,
            )
            for c in winner.criteria
        ],
        widths=(5, 1.8, 1.6, 7.6),
    )
    report.say(_subcontracting(record.file, winner))


def _winner_score(winner: BidResult, c: CriterionResult) -> str:
    if c.category is Category.PRICE:
        return show_money(winner.price) if winner.price is not None else ""
    return show_number(c.score) if c.score is not None else ""


def result(report: Report, record: ReportRecord) -> None:
    report.heading("Result")
    found = record.result
    if found is None:
        abandoned = record.abandonment is not None
        report.say(
            "No result is reported: the competition was abandoned."
            if abandoned
            else "The competition has not been scored."
        )
        return
    report.table(
        ("Rank", "Supplier", "Quality", "Social Value", "Price points", "Total", "Outcome"),
        [
            (
                b.rank or "–",
                f"{b.supplier_name} ({b.supplier_id})",
                show_points(b.quality) if b.rank else "",
                show_points(b.social_value) if b.rank else "",
                show_points(b.price_points) if b.rank else "",
                show_points(b.total) if b.rank else "",
                b.outcome.value,
            )
            for b in found.bids
        ],
        widths=(1.3, 5.1, 1.8, 1.8, 1.9, 1.7, 2.4),
    )
    if record.abandonment is None:
        _successful(report, record, found)


def rejected(report: Report, found: EvaluationResult | None) -> None:
    report.heading("Rejected and non-evaluated bids and the reasons")
    if found is None:
        report.say("The competition has not been scored.")
        return
    out = [b for b in found.bids if b.outcome in (Outcome.REJECTED, Outcome.NOT_EVALUATED)]
    if not out:
        report.say("None: every bid received was evaluated and ranked.")
        return
    report.table(
        ("Supplier", "Outcome", "Reason"),
        [(f"{b.supplier_name} ({b.supplier_id})", b.outcome.value, b.reason) for b in out],
        widths=(4.6, 2.4, 9),
    )


def decision_not_to_award(report: Report, abandonment: Abandonment | None) -> None:
    report.heading("Decision not to award")
    if abandonment is None:
        report.say("Not applicable: the authority has not decided against awarding the contract.")
        return
    report.say(
        f"At {long_moment(abandonment.when)} {abandonment.who} recorded the authority's decision "
        "not to award a contract in this mini-competition, which was abandoned, for this "
        f"reason: {abandonment.reason}"
    )


def letters(report: Report, produced: Sequence[LetterRecord]) -> None:
    report.heading("Letters and standstill")
    if not produced:
        report.say("No letters have been produced yet.")
        return
    report.table(
        ("Supplier ID", "Letter", "Dated", "Produced at", "Standstill ends"),
        [
            (
                r.supplier_id,
                r.outcome,
                _day(r.letter_date),
                long_moment(r.produced_at) if r.produced_at else "",
                describe_standstill_end(r.standstill_ends) if r.standstill_ends else "",
            )
            for r in produced
        ],
        widths=(2.3, 2.5, 3.2, 3.6, 4.4),
    )
    latest = max((r for r in produced if r.standstill_ends), key=_produced, default=None)
    if latest is not None and latest.standstill_ends is not None:
        report.say(
            "The voluntary standstill period, counted from the latest outcome letters, ends at "
            f"{describe_standstill_end(latest.standstill_ends)}. The contract may be entered into "
            "only after it ends, and only if no claim has been issued."
        )


def _produced(r: LetterRecord) -> datetime:
    return r.produced_at or datetime.min


def retention(report: Report) -> None:
    report.heading("Records retention")
    report.say(
        "Keep this report, the competition workbook (with every evaluator's tab and notes, the "
        "moderation and the audit trail), the bids and all correspondence for at least 3 years "
        "from the date of award of the contract (PCR 2015 regulation 84)."
    )


def audit_trail(report: Report, audit: Sequence[AuditEntry]) -> None:
    report.heading("Audit trail")
    report.table(
        ("When", "Who", "Action", "Details"),
        [(long_moment(e.when), e.who, e.action, e.details) for e in audit],
        widths=(3.4, 2.4, 3.4, 6.8),
    )

"""The sections of the reg. 84 report about the outcome: the result, the successful bidder and
why, rejected bids, a decision not to award, the letters and standstill, retention, the audit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from addin.domain.abandonment import Abandonment
from addin.domain.audit import AuditEntry
from addin.domain.evaluation import (
    key,
    show_money,
    show_number,
    show_points,
)
from addin.domain.models import Category, CompetitionFile
from addin.domain.outcomes import (
    SCORED_NOT_RANKED,
    BidResult,
    CriterionResult,
    EvaluationResult,
    Outcome,
)
from addin.domain.report_blocks import Report
from addin.domain.report_record import LetterRecord, ReportRecord
from addin.domain.standstill import describe_standstill_end
from addin.domain.uk_time import long_date, long_moment


def _day(value: date | None) -> str:
    return long_date(value) if value else ""


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
    # Every bid not ranked: below a minimum, rejected for its price (reg. 69), not evaluated.
    out = [b for b in found.bids if b.outcome in (*SCORED_NOT_RANKED, Outcome.NOT_EVALUATED)]
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

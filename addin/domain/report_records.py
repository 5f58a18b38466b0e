"""The reg. 84 report's records of what was decided around the evaluation: the tie-break rule,
clarifications, late bids accepted, declarations and conflicts, abnormally low prices and the
pre-award checks. Each section says "None." rather than disappearing, so a reader can tell
"nothing happened" from "not recorded"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from addin.domain.evaluation import Evaluator, evaluable_bids, show_money
from addin.domain.low_price import flagged
from addin.domain.models import CompetitionFile
from addin.domain.rules.declarations import declaration_of

if TYPE_CHECKING:
    from addin.domain.report import Report


def _day(value: date | datetime | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _yes_no(value: bool | None) -> str:
    return {True: "Yes", False: "No", None: "Not declared"}[value]


def add_records(report: Report, file: CompetitionFile, evaluators: Sequence[Evaluator]) -> None:
    _tie_break(report, file)
    _clarifications(report, file)
    _late_bids(report, file)
    _declarations(report, file, evaluators)
    _low_prices(report, file)
    _pre_award(report, file)


def _tie_break(report: Report, file: CompetitionFile) -> None:
    report.heading("Tie-break rule")
    report.say(
        f"Published before launch and locked with the criteria: {file.competition.tie_break.value}."
    )
    decision = file.tie_break_decision
    if decision:
        report.say(
            f"Decision recorded by {decision.who} on {decision.when:%d/%m/%Y %H:%M}: "
            f"{decision.supplier_id} — {decision.reason}"
        )


def _clarifications(report: Report, file: CompetitionFile) -> None:
    report.heading("Clarifications")
    if not file.clarifications:
        report.say("None.")
        return
    report.table(
        ("Received on", "Question", "Answer", "Published to all on"),
        [
            (_day(c.received_on), c.question, c.answer, _day(c.published_on))
            for c in file.clarifications
        ],
    )


def _late_bids(report: Report, file: CompetitionFile) -> None:
    report.heading("Late bids accepted")
    if not file.late_bids_accepted:
        report.say("None: every bid received after the closing time was not evaluated.")
        return
    report.table(
        ("Supplier ID", "Decided by", "When", "Reason"),
        [
            (d.supplier_id, d.who, f"{d.when:%d/%m/%Y %H:%M}", d.reason)
            for d in file.late_bids_accepted
        ],
    )


def _declarations(report: Report, file: CompetitionFile, evaluators: Sequence[Evaluator]) -> None:
    report.heading("Declarations of interest and measures taken (regs 24 and 41)")
    rows = [
        (
            d.name,
            d.role.value if d.role else "",
            _yes_no(d.conflict),
            d.details,
            d.measures,
            _day(d.declared_on),
        )
        for d in file.declarations
    ]
    for ev in evaluators:
        if ev.conflict is True:
            row = declaration_of(ev.name, file.declarations)
            measures = row.measures if row else ""
            rows.append(
                (
                    ev.name,
                    "Evaluator (on their tab)",
                    "Yes",
                    "Excluded from scoring; their tab and marks are kept",
                    measures,
                    _day(ev.conflict_date),
                )
            )
    if not rows:
        report.say("None recorded.")
        return
    report.table(
        ("Name", "Role", "Conflict of interest", "Details", "Measures taken", "Declared on"), rows
    )


def _low_prices(report: Report, file: CompetitionFile) -> None:
    report.heading("Abnormally low prices (reg. 69)")
    flagged_rows = {b.row for b, _ in flagged(evaluable_bids(file))}
    recorded = [b for b in file.bids if b.row in flagged_rows or b.low_price_decision]
    if not recorded:
        report.say("None: no price was flagged and no decision was recorded.")
        return
    report.table(
        ("Supplier ID", "Price", "Explanation requested", "Decision", "Reasons"),
        [
            (
                b.supplier_id,
                show_money(b.price) if b.price is not None else "",
                _day(b.low_price_requested),
                b.low_price_decision.value if b.low_price_decision else "Not recorded",
                b.low_price_reasons,
            )
            for b in recorded
        ],
    )


def _pre_award(report: Report, file: CompetitionFile) -> None:
    report.heading("Pre-award checks on the winner's evidence")
    checks = [c for c in file.pre_award_checks if c.check]
    if not checks:
        report.say("None recorded.")
        return
    report.table(
        ("Check", "Confirmed on", "Confirmed by", "Notes"),
        [(c.check, _day(c.confirmed_on), c.confirmed_by, c.notes) for c in checks],
    )

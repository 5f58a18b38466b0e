"""The decisions around the evaluation that reg. 84 asks to be recorded, one section each.

Each section takes typed data, so it does not care where the data comes from. Today the
workbook holds some of it: evaluators' conflict declarations (their tabs), late bids (the Bids
table, always rejected), prices flagged as abnormally low (a warning, with no decision), the
tie-break decision (the audit trail). `decisions_on_record` builds the sections' data from
those; when the workbook gains its own records of declarations by everyone involved, late-bid
and abnormally-low-price decisions, clarifications and the tie-break rule stated before launch,
only that function changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from addin.domain.evaluation import Evaluator, bidder, show_money
from addin.domain.models import CompetitionFile
from addin.domain.outcomes import EvaluationResult
from addin.domain.report_blocks import Report
from addin.domain.report_record import ReportRecord
from addin.domain.uk_time import long_date, long_moment

NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class Declaration:
    """A conflict-of-interest declaration (reg. 24) and the measures taken."""

    name: str
    role: str
    conflict: bool | None
    declared_on: date | None
    measures: str


@dataclass(frozen=True)
class Clarification:
    asked_on: date | None
    question: str
    answer: str
    shared_on: date | None


@dataclass(frozen=True)
class LateBidDecision:
    supplier: str
    received_at: datetime | None
    accepted: bool
    reasons: str


@dataclass(frozen=True)
class LowPriceDecision:
    """A price that looked abnormally low (reg. 69): the explanation asked for and the decision."""

    supplier: str
    price: Decimal | None
    why_flagged: str
    explanation_requested_on: date | None
    decision: str
    reasons: str


@dataclass(frozen=True)
class TieBreakDecision:
    chosen: str
    reasons: str
    decided_at: datetime
    decided_by: str
    # The tie-break rule stated before launch, when the workbook records one.
    rule: str = ""


@dataclass(frozen=True)
class Decisions:
    declarations: Sequence[Declaration]
    # None: the workbook keeps no clarification log (the portal's message log has them).
    clarifications: Sequence[Clarification] | None
    late_bids: Sequence[LateBidDecision]
    low_prices: Sequence[LowPriceDecision]
    tie_break: TieBreakDecision | None


# --- what the workbook records today ---------------------------------------------------------


def _measures(conflict: bool | None) -> str:
    if conflict is True:
        return "Removed from scoring: their marks are not used; their tab and declaration are kept"
    if conflict is False:
        return "None needed"
    return "None: no declaration was made, so the evaluation cannot be completed"


def evaluator_declarations(evaluators: Sequence[Evaluator]) -> list[Declaration]:
    return [
        Declaration(e.name, "Evaluator", e.conflict, e.conflict_date, _measures(e.conflict))
        for e in evaluators
    ]


def late_bids(file: CompetitionFile) -> list[LateBidDecision]:
    closing = file.competition.closing_date
    return [
        LateBidDecision(
            bidder(b),
            b.received_at,
            accepted=False,
            reasons="Received after the closing time; late bids are not evaluated",
        )
        for b in file.bids
        if b.received and b.received_at and closing and b.received_at > closing
    ]


def flagged_low_prices(
    file: CompetitionFile, result: EvaluationResult | None
) -> list[LowPriceDecision]:
    if result is None:
        return []
    rows = {b.row: b for b in file.bids}
    decisions = []
    for problem in result.problems:
        if problem.code != "ABNORMALLY_LOW_PRICE":
            continue
        bid = next((rows[f.row] for f in problem.fields if f.row in rows), None)
        decisions.append(
            LowPriceDecision(
                supplier=bidder(bid) if bid else "",
                price=bid.price if bid else None,
                why_flagged=_why(problem.message),
                explanation_requested_on=None,
                decision=NOT_RECORDED,
                reasons=NOT_RECORDED,
            )
        )
    return decisions


def _why(message: str) -> str:
    # "Supplier (ID): price £X is Y % below the mean …. PCR 2015 reg. 69 …" → "Price £X is …"
    first = message.split(". PCR")[0].split(": ", 1)[-1]
    return first[:1].upper() + first[1:]


def decisions_on_record(record: ReportRecord, tie_break: TieBreakDecision | None) -> Decisions:
    return Decisions(
        declarations=evaluator_declarations(record.evaluators),
        clarifications=None,
        late_bids=late_bids(record.file),
        low_prices=flagged_low_prices(record.file, record.result),
        tie_break=tie_break,
    )


# --- the sections ----------------------------------------------------------------------------


def declarations_section(report: Report, declarations: Sequence[Declaration]) -> None:
    report.heading("Declarations of interest and measures taken")
    answers = {True: "Yes", False: "No", None: "Not declared"}
    report.table(
        ("Name", "Role", "Conflict of interest", "Declared on", "Measures taken"),
        [
            (
                d.name,
                d.role,
                answers[d.conflict],
                long_date(d.declared_on) if d.declared_on else "",
                d.measures,
            )
            for d in declarations
        ],
        widths=(3, 2.2, 2.2, 3, 5.6),
    )
    if {d.role for d in declarations} <= {"Evaluator"}:
        report.say(
            "Only the evaluators' declarations are recorded in the competition workbook; the "
            "officer's, the moderator's and any adviser's are kept with the procurement file."
        )


def clarifications_section(report: Report, clarifications: Sequence[Clarification] | None) -> None:
    report.heading("Clarifications")
    if clarifications is None:
        report.say(
            "The competition workbook keeps no clarification log: the questions asked and the "
            "answers shared with every bidder are in the portal's message log."
        )
    elif not clarifications:
        report.say("No clarification questions were asked.")
    else:
        report.table(
            ("Asked on", "Question", "Answer", "Shared with all bidders on"),
            [
                (
                    long_date(c.asked_on) if c.asked_on else "",
                    c.question,
                    c.answer,
                    long_date(c.shared_on) if c.shared_on else "",
                )
                for c in clarifications
            ],
            widths=(2.6, 5, 5.8, 2.6),
        )


def late_bids_section(report: Report, decisions: Sequence[LateBidDecision]) -> None:
    report.heading("Late bids")
    if not decisions:
        report.say("No bid arrived after the closing time.")
        return
    report.table(
        ("Supplier", "Received at", "Decision", "Reasons"),
        [
            (
                d.supplier,
                long_moment(d.received_at) if d.received_at else "",
                "Accepted" if d.accepted else "Rejected",
                d.reasons,
            )
            for d in decisions
        ],
        widths=(4.5, 4, 2.2, 5.3),
    )


def low_prices_section(report: Report, decisions: Sequence[LowPriceDecision]) -> None:
    report.heading("Abnormally low prices")
    if not decisions:
        report.say(
            "No evaluated price was more than 20 % below the mean of the other evaluated prices."
        )
        return
    report.table(
        ("Supplier", "Price", "Why it was queried", "Explanation asked on", "Decision", "Reasons"),
        [
            (
                d.supplier,
                show_money(d.price) if d.price is not None else "",
                d.why_flagged,
                long_date(d.explanation_requested_on) if d.explanation_requested_on else "",
                d.decision,
                d.reasons,
            )
            for d in decisions
        ],
        widths=(3, 2, 4, 2.4, 2.2, 2.4),
    )
    if any(d.decision == NOT_RECORDED for d in decisions):
        report.say(
            "Regulation 69 requires the bidder to be asked to explain an abnormally low price "
            "before any rejection; where no decision is recorded above, record the request, "
            "the answer and the decision with the procurement file."
        )


def tie_break_section(report: Report, decision: TieBreakDecision | None) -> None:
    report.heading("Tie-break")
    if decision is None:
        report.say("There was no tie for first place, so no tie-break decision was needed.")
        return
    rule = f" The tie-break rule stated before launch: {decision.rule}." if decision.rule else ""
    report.say(
        f"The bids tied for first place. At {long_moment(decision.decided_at)} "
        f"{decision.decided_by} recorded the panel's decision for {decision.chosen}: "
        f"{decision.reasons}.{rule}"
    )

"""The reg. 84 evaluation report as plain blocks (headings, paragraphs, tables).

What PCR 2015 reg. 84 asks to be recorded: the subject and value, the criteria, who evaluated
and any conflicts, every score with its rationale, moderation decisions, the result, rejected
and abnormally low tenders with reasons, and the audit trail. Renderers (Markdown, Word) only
lay these blocks out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from addin.domain.audit import AuditEntry
from addin.domain.dps import CCIN_DPS
from addin.domain.evaluation import Evaluator, Moderation, show_money, show_points
from addin.domain.marks import scored_criteria
from addin.domain.models import CompetitionFile
from addin.domain.outcomes import SCORED_NOT_RANKED, EvaluationResult, Outcome
from addin.domain.problems import Severity
from addin.domain.report_records import add_records


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Paragraph | Table


@dataclass
class Report:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def heading(self, text: str) -> None:
        self.blocks.append(Heading(text))

    def say(self, text: str) -> None:
        self.blocks.append(Paragraph(text))

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        self.blocks.append(
            Table(
                tuple(headers), tuple(tuple("" if v is None else str(v) for v in r) for r in rows)
            )
        )


def _day(value: object) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _competition(report: Report, file: CompetitionFile, fingerprint: str) -> None:
    c = file.competition
    lot = CCIN_DPS.lot(c.lot or 0)
    report.heading("The competition")
    report.table(
        ("Field", "Value"),
        [
            ("Reference", c.reference),
            ("Title", c.title),
            ("Contracting authority", c.authority),
            ("Framework", f"{CCIN_DPS.name} ({CCIN_DPS.owner})"),
            ("Lot", lot.label if lot else c.lot),
            ("Legal basis", CCIN_DPS.legal_basis),
            ("Estimated value", show_money(c.estimated_value) if c.estimated_value else ""),
            ("Invitation date", _day(c.invitation_date)),
            ("Closing date", f"{c.closing_date:%d/%m/%Y %H:%M}" if c.closing_date else ""),
            ("Contract period", f"{_day(c.contract_start)} to {_day(c.contract_end)}"),
            ("Officer", f"{c.officer_name} ({c.officer_email})"),
            ("Price scoring method", c.price_method.value),
            ("Moderation method", c.moderation_method.value),
            ("Status", c.status.value),
            ("Criteria fingerprint (SHA-256)", fingerprint),
        ],
    )


def _criteria(report: Report, file: CompetitionFile) -> None:
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
    )


def _invitations(report: Report, file: CompetitionFile) -> None:
    report.heading("Invitations and bids")
    report.table(
        ("Supplier ID", "Supplier", "Invited", "Bid received", "Received at", "Price", "Compliant"),
        [
            (
                b.supplier_id,
                b.supplier_name,
                "Yes" if b.invited else "No",
                "Yes" if b.received else "No",
                f"{b.received_at:%d/%m/%Y %H:%M}" if b.received_at else "",
                show_money(b.price) if b.price is not None else "",
                {True: "Yes", False: "No", None: ""}[b.compliant],
            )
            for b in file.bids
        ],
    )


def _panel(report: Report, evaluators: Sequence[Evaluator]) -> None:
    report.heading("Evaluation panel and conflicts of interest")
    report.table(
        ("Evaluator", "Conflict of interest declared", "Declared on"),
        [
            (
                e.name,
                {True: "Yes", False: "No", None: "Not declared"}[e.conflict],
                _day(e.conflict_date),
            )
            for e in evaluators
        ],
    )


def _scores(report: Report, file: CompetitionFile, evaluators: Sequence[Evaluator]) -> None:
    report.heading("Every score and its rationale")
    criteria = {c.id.casefold(): c for c in scored_criteria(file.criteria)}
    rows = []
    for ev in evaluators:
        for m in ev.marks:
            c = criteria.get(m.criterion_id.casefold())
            rows.append(
                (
                    m.supplier_id,
                    m.criterion_id,
                    ev.name,
                    m.raw_score,
                    c.max_score if c else "",
                    m.rationale,
                )
            )
    report.table(("Supplier ID", "Criterion", "Evaluator", "Score", "Out of", "Rationale"), rows)


def _moderation(report: Report, moderation: Sequence[Moderation]) -> None:
    report.heading("Moderation decisions")
    agreed = [m for m in moderation if m.raw_score]
    if not agreed:
        report.say("No moderated scores were needed: every score used was unanimous or averaged.")
        return
    report.table(
        ("Supplier ID", "Criterion", "Moderated score", "Reason"),
        [(m.supplier_id, m.criterion_id, m.raw_score, m.rationale) for m in agreed],
    )


def _result(report: Report, result: EvaluationResult | None) -> None:
    report.heading("Result")
    if result is None:
        report.say("The competition has not been scored yet.")
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
            for b in result.bids
        ],
    )
    winner = result.winner
    if winner:
        report.say(
            f"Winner: {winner.supplier_name} ({winner.supplier_id}), total {show_points(winner.total)}."
        )
    unranked = (*SCORED_NOT_RANKED, Outcome.NOT_EVALUATED)
    rejected = [b for b in result.bids if b.outcome in unranked]
    report.heading("Excluded and non-evaluated bids")
    if rejected:
        report.table(
            ("Supplier", "Outcome", "Reason"),
            [(b.supplier_name or b.supplier_id, b.outcome.value, b.reason) for b in rejected],
        )
    else:
        report.say("None.")
    warnings = [p for p in result.problems if p.severity is Severity.WARNING]
    report.heading("Abnormally low tenders and other warnings")
    if warnings:
        report.table(("Code", "Warning"), [(p.code, p.message) for p in warnings])
    else:
        report.say("None.")
    if result.sensitivity:
        report.heading("Sensitivity of the result")
        report.table(
            ("Scenario", "Winner", "Changes the winner"),
            [
                (s.description, s.winner_id or "none", "Yes" if s.changes_winner else "No")
                for s in result.sensitivity.scenarios
            ],
        )


def evaluation_report(
    file: CompetitionFile,
    evaluators: Sequence[Evaluator],
    moderation: Sequence[Moderation],
    result: EvaluationResult | None,
    audit: Sequence[AuditEntry],
    fingerprint: str,
    generated: datetime,
) -> Report:
    c = file.competition
    report = Report(title=f"Evaluation report – {c.reference}: {c.title}")
    report.say(
        f"Record of the procurement kept under regulation 84 of the Public Contracts Regulations "
        f"2015. Generated {generated:%d/%m/%Y %H:%M} from the competition workbook."
    )
    _competition(report, file, fingerprint)
    _criteria(report, file)
    _invitations(report, file)
    _panel(report, evaluators)
    _scores(report, file, evaluators)
    _moderation(report, moderation)
    add_records(report, file, evaluators)
    _result(report, result)
    report.heading("Audit trail")
    report.table(
        ("When", "Who", "Action", "Details"),
        [(f"{e.when:%d/%m/%Y %H:%M}", e.who, e.action, e.details) for e in audit],
    )
    return report

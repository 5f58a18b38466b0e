"""The reg. 84 evaluation report as plain blocks (headings, paragraphs, tables).

What PCR 2015 reg. 84(1) asks the written report to record, in the order a reviewing lawyer
reads it: the authority's name and address, the subject matter and value (the estimate and the
value awarded); who was invited and who bid; the award criteria; the communications by
electronic means; the declarations of interest and measures taken; clarifications; late bids;
every score with its rationale and the moderation; the successful bidder and why, with its
subcontracting; rejected bids and abnormally low prices with the decisions and reasons; the
tie-break rule and any decision; the pre-award checks; a decision not to award; the letters and the standstill; how long the records are
kept; and the audit trail. Renderers (Markdown, Word) only lay these blocks out.

The sensitivity what-ifs are left out on purpose: they are the officer's check (printed by
`dps score`), disclosable working that would only invite argument about the method.
"""

from __future__ import annotations

from addin.domain import report_decision_sections as d
from addin.domain import report_outcome as o
from addin.domain import report_sections as s
from addin.domain.report_blocks import Block, Heading, Paragraph, Report, Table
from addin.domain.report_decisions import Decisions, decisions_on_record
from addin.domain.report_record import LetterRecord, ReportRecord
from addin.domain.uk_time import long_moment

__all__ = [
    "Block",
    "Decisions",
    "Heading",
    "LetterRecord",
    "Paragraph",
    "Report",
    "ReportRecord",
    "Table",
    "decisions_on_record",
    "evaluation_report",
]


def evaluation_report(record: ReportRecord, decisions: Decisions) -> Report:
    """The report; `decisions_on_record` gives the decisions the workbook records."""
    c = record.file.competition
    found = decisions
    report = Report(title=f"Evaluation report – {c.reference}: {c.title}")
    report.say(
        "Record of the procurement kept under regulation 84 of the Public Contracts Regulations "
        f"2015. Generated at {long_moment(record.generated)} from the competition workbook."
    )
    s.contract(report, record)
    s.criteria(report, record.file)
    s.invitations(report, record.file)
    s.communications(report)
    d.declarations_section(report, found.declarations)
    d.clarifications_section(report, found.clarifications)
    d.late_bids_section(report, found.late_bids)
    s.scores(report, record.file, record.evaluators)
    s.moderation(report, record.moderation)
    o.result(report, record)
    o.rejected(report, record.result)
    d.low_prices_section(report, found.low_prices)
    d.tie_break_section(report, found.tie_break)
    d.pre_award_section(report, found.pre_award_checks, abandoned=record.abandonment is not None)
    o.decision_not_to_award(report, record.abandonment)
    o.letters(report, record.letters)
    o.retention(report)
    o.audit_trail(report, record.audit)
    return report

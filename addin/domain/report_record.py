"""What the reg. 84 report is written from: the workbook's record, read by the report service."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from addin.domain.abandonment import Abandonment
from addin.domain.audit import AuditEntry
from addin.domain.cells import as_text, parse_moment
from addin.domain.evaluation import Evaluator, Moderation
from addin.domain.models import CompetitionFile
from addin.domain.outcomes import EvaluationResult


@dataclass(frozen=True)
class LetterRecord:
    """One row of the Letters sheet: a letter produced, when, and the standstill it started."""

    supplier_id: str
    outcome: str
    letter_date: date | None
    produced_at: datetime | None
    standstill_ends: datetime | None


@dataclass(frozen=True)
class ReportRecord:
    """Everything the report is written from, read from the workbook by the report service."""

    file: CompetitionFile
    evaluators: Sequence[Evaluator]
    moderation: Sequence[Moderation]
    result: EvaluationResult | None
    audit: Sequence[AuditEntry]
    fingerprint: str
    generated: datetime
    letters: Sequence[LetterRecord] = ()
    abandonment: Abandonment | None = None


def letter_records(rows: Sequence[Mapping[str, object]]) -> list[LetterRecord]:
    """The Letters sheet's rows (blank rows skipped); "Generated at" is its older name."""
    records = []
    for row in rows:
        supplier = as_text(row.get("Supplier ID"))
        if not supplier:
            continue
        dated = parse_moment(row.get("Letter date"))
        records.append(
            LetterRecord(
                supplier_id=supplier,
                outcome=as_text(row.get("Outcome")),
                letter_date=dated.date() if dated else None,
                produced_at=parse_moment(row.get("Produced at") or row.get("Generated at")),
                standstill_ends=_to_second(parse_moment(row.get("Standstill ends"))),
            )
        )
    return records


def _to_second(moment: datetime | None) -> datetime | None:
    # An Excel serial number is a float: 23:59:59 may come back a hair short of it.
    if moment is None:
        return None
    return (moment + timedelta(microseconds=500_000)).replace(microsecond=0)

"""The reg. 84 evaluation report, from the workbook as it stands (it changes nothing)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from addin.domain import schema
from addin.domain.abandonment import recorded_abandonment
from addin.domain.models import Status
from addin.domain.outcomes import EvaluationResult
from addin.domain.report import ReportRecord, decisions_on_record, evaluation_report
from addin.domain.report_record import letter_records
from addin.errors import ActionRefused, DpsError
from addin.report.render import write_report as render_report
from addin.services.integrity import SCORED_STATUSES, require_status, require_untampered
from addin.services.loading import LoadedCompetition, parse_tables
from addin.services.ports import ReadableWorkbook
from addin.services.recorded import recorded_result


def write_report(workbook: ReadableWorkbook, out: Path, now: datetime) -> Path:
    """Reads only: the atomic saves of writers mean it sees a whole workbook, before or after."""
    if out.suffix.lower() not in (".md", ".docx"):
        raise DpsError(
            f"{out}: the report must be .docx or .md", "Use --out report.docx or report.md."
        )
    loaded = parse_tables(workbook.read())
    require_status("report", loaded, now)
    require_untampered(loaded)
    record = report_record(loaded, now)
    report = evaluation_report(record, decisions_on_record(record))
    return render_report(report, out)


def report_record(loaded: LoadedCompetition, now: datetime) -> ReportRecord:
    evaluators, moderation = loaded.evaluation
    letters = loaded.tables.find(schema.LETTERS.name)
    record = loaded.lock_record
    return ReportRecord(
        file=loaded.file,
        evaluators=evaluators,
        moderation=moderation,
        result=_result(loaded),
        audit=loaded.audit_entries,
        fingerprint=record.fingerprint if record else "",
        generated=now,
        letters=letter_records(letters.rows) if letters else (),
        abandonment=recorded_abandonment(loaded.audit_entries),
    )


def _result(loaded: LoadedCompetition) -> EvaluationResult | None:
    # The report leaves the sensitivity what-ifs out (see addin.domain.report): not worked out.
    status = loaded.file.competition.status
    if status in SCORED_STATUSES:
        return recorded_result("report", loaded)
    if status is Status.ABANDONED and loaded.seal is not None:
        # Scored, then abandoned: the result stands in the record if it still matches its seal.
        try:
            return recorded_result("report", loaded)
        except ActionRefused:
            return None
    return None

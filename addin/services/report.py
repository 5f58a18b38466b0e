"""The reg. 84 evaluation report, from the workbook as it stands (it changes nothing)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from addin.domain.report import evaluation_report
from addin.errors import DpsError
from addin.report.render import write_report as render_report
from addin.services.integrity import SCORED_STATUSES, require_status, require_untampered
from addin.services.loading import parse_tables
from addin.services.ports import CompetitionWorkbook
from addin.services.recorded import recorded_result


def write_report(workbook: CompetitionWorkbook, out: Path, now: datetime) -> Path:
    """Reads only: the atomic saves of writers mean it sees a whole workbook, before or after."""
    if out.suffix.lower() not in (".md", ".docx"):
        raise DpsError(
            f"{out}: the report must be .docx or .md", "Use --out report.docx or report.md."
        )
    loaded = parse_tables(workbook.read())
    require_status("report", loaded, now)
    require_untampered(loaded)
    evaluators, moderation = loaded.evaluation
    scored = loaded.file.competition.status in SCORED_STATUSES
    result = recorded_result("report", loaded) if scored else None
    entries = loaded.audit_entries
    record = loaded.lock_record
    report = evaluation_report(
        loaded.file,
        evaluators,
        moderation,
        result,
        entries,
        record.fingerprint if record else "",
        now,
    )
    return render_report(report, out)

"""The reg. 84 evaluation report, from the workbook as it stands (it changes nothing)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from addin.domain.evaluation_input import evaluation_inputs
from addin.domain.models import Status
from addin.domain.report import evaluation_report
from addin.domain.scoring import evaluate
from addin.errors import DpsError
from addin.report.render import write_report as render_report
from addin.services.editing import Target, as_workbook
from addin.services.evaluation import recorded_tie_break
from addin.services.integrity import audit_entries, lock_record, require_status, require_untampered
from addin.services.loading import parse_tables


def write_report(target: Target, out: Path, now: datetime) -> Path:
    if out.suffix.lower() not in (".md", ".docx"):
        raise DpsError(
            f"{out}: the report must be .docx or .md", "Use --out report.docx or report.md."
        )
    loaded = parse_tables(as_workbook(target).read())
    require_status("report", loaded, now)
    require_untampered(loaded)
    evaluators, moderation = evaluation_inputs(loaded.tables.tables)
    scored = loaded.file.competition.status in (Status.EVALUATED, Status.AWARDED)
    result = (
        evaluate(loaded.file, evaluators, moderation, recorded_tie_break(loaded))
        if scored
        else None
    )
    entries, _ = audit_entries(loaded)
    record = lock_record(loaded)
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

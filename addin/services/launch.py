"""Launch (lock the criteria) and extend (the one change allowed after launch)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from addin.domain.lock import LOCKED_FIELDS, LockRecord, fingerprint, locked_values
from addin.domain.models import CompetitionFile, Status
from addin.domain.problems import Problem, Severity
from addin.errors import ActionRefused, ProblemsFound
from addin.services.integrity import require_status, require_untampered
from addin.services.ports import CompetitionWorkbook
from addin.services.unit_of_work import UnitOfWork, unit_of_work
from addin.services.validate import problems_in


@dataclass
class LaunchResult:
    path: str
    fingerprint: str
    summary: str
    warnings: tuple[Problem, ...]  # located, as validation found them


def weights_summary(file: CompetitionFile) -> str:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for c in file.criteria:
        totals[c.category.value] += c.weight
    parts = ", ".join(f"{k} {v.normalize():f} %" for k, v in totals.items())
    return f"{len(file.criteria)} criteria ({parts})"


def launch(workbook: CompetitionWorkbook, officer: str, now: datetime) -> LaunchResult:
    with unit_of_work(workbook, "launch", now) as work:
        return _launch(work, officer, now)


def _launch(edit: UnitOfWork, officer: str, now: datetime) -> LaunchResult:
    require_status("launch", edit.loaded, now)
    problems = problems_in(edit.loaded, now.date())
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise ProblemsFound(
            f"{edit.workbook.label} cannot be launched: {len(errors)} error(s)",
            errors,
            "Fix each error in the cell named, then launch again.",
        )
    file = edit.loaded.file
    values = locked_values(file)
    print_ = fingerprint(values)
    c = file.competition
    assert c.closing_date is not None  # validation guarantees it
    summary = (
        f"Criteria locked: {weights_summary(file)}; price method {c.price_method.value}; "
        f"Lot {c.lot}; closing {c.closing_date:%d/%m/%Y %H:%M}"
    )
    edit.set_status(Status.LAUNCHED.value)
    edit.audit(officer, "Launched", summary, print_)
    edit.relock(LockRecord(fingerprint=print_, audit_rows=0, audit_head="", values=tuple(values)))
    edit.workbook.protect_launched(LOCKED_FIELDS)
    saved = edit.commit()
    warnings = tuple(p for p in problems if p.severity is Severity.WARNING)
    return LaunchResult(path=saved, fingerprint=print_, summary=summary, warnings=warnings)


def extend(
    workbook: CompetitionWorkbook,
    closing: datetime,
    reason: str,
    officer: str | None,
    now: datetime,
) -> LaunchResult:
    with unit_of_work(workbook, "extend", now) as work:
        return _extend(work, closing, reason, officer, now)


def _extend(
    edit: UnitOfWork, closing: datetime, reason: str, officer: str | None, now: datetime
) -> LaunchResult:
    require_status("extend", edit.loaded, now)
    require_untampered(edit.loaded)
    c = edit.loaded.file.competition
    assert c.closing_date is not None and edit.lock is not None
    if not reason.strip():
        raise ActionRefused("extend", "give the reason for the extension with --reason")
    if closing <= c.closing_date:
        raise ActionRefused(
            "extend",
            f"the new closing date {closing:%d/%m/%Y %H:%M} must be later than the current "
            f"{c.closing_date:%d/%m/%Y %H:%M}; a deadline may move later, never earlier",
        )
    edit.workbook.set_field("Closing date", closing)
    file = edit.loaded.file.model_copy(
        update={"competition": c.model_copy(update={"closing_date": closing})}
    )
    values = locked_values(file)
    print_ = fingerprint(values)
    details = (
        f"Closing date moved from {c.closing_date:%d/%m/%Y %H:%M} to {closing:%d/%m/%Y %H:%M}. "
        f"Reason: {reason.strip()}"
    )
    edit.relock(LockRecord(fingerprint=print_, audit_rows=0, audit_head="", values=tuple(values)))
    edit.audit(officer or c.officer_name or "unknown", "Deadline extended", details, print_)
    return LaunchResult(path=edit.commit(), fingerprint=print_, summary=details, warnings=())

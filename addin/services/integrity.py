"""After launch: is the workbook still what was launched, and is its audit trail intact?"""

from __future__ import annotations

from datetime import datetime

from addin.domain import schema
from addin.domain.audit import AuditEntry, check_chain, read_audit_rows
from addin.domain.lifecycle import refusal
from addin.domain.lock import (
    LockRecord,
    changes_since_launch,
    fingerprint,
    locked_values,
    read_lock_rows,
    tamper_problems,
)
from addin.domain.models import Status
from addin.domain.problems import FieldRef, Problem, error
from addin.errors import ActionRefused, CriteriaChangedAfterLaunch
from addin.reporting import problem_line
from addin.services.loading import LoadedCompetition


def lock_record(loaded: LoadedCompetition) -> LockRecord | None:
    raw = loaded.tables.tables.get(schema.LOCK.name)
    return None if raw is None else read_lock_rows(raw.name, [dict(r) for r in raw.rows])


def audit_entries(loaded: LoadedCompetition) -> tuple[list[AuditEntry], list[Problem]]:
    raw = loaded.tables.tables[schema.AUDIT.name]
    return read_audit_rows([dict(r) for r in raw.rows])


def _status_ref() -> FieldRef:
    return FieldRef(table=schema.COMPETITION.name, row="Status", column="Value")


def _lock_problems(loaded: LoadedCompetition, record: LockRecord | None) -> list[Problem]:
    status = loaded.file.competition.status
    if record is None:
        if status is Status.DRAFT:
            return []
        return [
            error(
                "LOCK_MISSING",
                f"The competition is {status.value} but its Lock sheet is missing, so the "
                "criteria cannot be checked against launch. Restore the latest backup.",
                _status_ref(),
            )
        ]
    problems = []
    if status is Status.DRAFT:
        problems.append(
            error(
                "STATUS_CHANGED_AFTER_LAUNCH",
                "Status says Draft but the competition was launched: status is set by the add-in "
                "only. Restore the latest backup.",
                _status_ref(),
            )
        )
    if fingerprint(list(record.values)) != record.fingerprint:
        problems.append(
            error(
                "LOCK_RECORD_ALTERED",
                "The Lock sheet no longer matches its fingerprint: it has been edited.",
                FieldRef(table=schema.LOCK.name, row=0, column="Value"),
            )
        )
    current = locked_values(loaded.file)
    reference = loaded.file.competition.reference or "?"
    problems += tamper_problems(reference, changes_since_launch(list(record.values), current))
    return problems


def integrity_problems(loaded: LoadedCompetition) -> list[Problem]:
    record = lock_record(loaded)
    entries, problems = audit_entries(loaded)
    if not problems and (record is not None or entries):
        count = record.audit_rows if record else None
        head = record.audit_head if record else None
        problems = check_chain(entries, count, head)
        launched = [e.fingerprint for e in entries if e.fingerprint]
        if record and launched and launched[-1] != record.fingerprint:
            problems.append(
                error(
                    "LOCK_RECORD_ALTERED",
                    "The Lock sheet's fingerprint is not the one recorded in the audit trail.",
                    FieldRef(table=schema.LOCK.name, row=0, column="Value"),
                )
            )
    return loaded.locate([*problems, *_lock_problems(loaded, record)])


def require_untampered(loaded: LoadedCompetition) -> None:
    problems = integrity_problems(loaded)
    if problems:
        raise CriteriaChangedAfterLaunch(
            loaded.file.competition.reference or str(loaded.path),
            [problem_line(p) for p in problems],
        )


def require_status(action: str, loaded: LoadedCompetition, now: datetime) -> None:
    reason = refusal(action, loaded.file.competition, now)
    if reason:
        raise ActionRefused(action, reason)

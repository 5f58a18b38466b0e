"""After launch: is the workbook still what was launched, and is its audit trail intact?"""

from __future__ import annotations

from datetime import datetime

from addin.domain import schema
from addin.domain.audit import AuditEntry, check_chain
from addin.domain.lifecycle import refusal
from addin.domain.lock import (
    LockedValue,
    LockRecord,
    changes_since_launch,
    fingerprint,
    locked_values,
    tamper_problems,
)
from addin.domain.models import Status
from addin.domain.problems import FieldRef, Problem, error
from addin.domain.seal import seal_problems, sealed_values
from addin.errors import ActionRefused, CriteriaChangedAfterLaunch, EvaluationChangedAfterScoring
from addin.services.loading import LoadedCompetition

SCORED_ACTION = "Scored"
# Statuses in which a sealed result stands; letters and the report are built from it.
SCORED_STATUSES = (Status.EVALUATED, Status.STANDSTILL, Status.AWARDED)


def lock_record(loaded: LoadedCompetition) -> LockRecord | None:
    return loaded.lock_record


def audit_entries(loaded: LoadedCompetition) -> tuple[list[AuditEntry], list[Problem]]:
    return loaded.audit_entries, loaded.audit_problems


def recorded_tie_break(loaded: LoadedCompetition) -> str | None:
    decision = loaded.file.tie_break_decision
    return decision.supplier_id if decision else None


def current_seal_values(
    loaded: LoadedCompetition, tie_break: str | None = None
) -> list[LockedValue]:
    """What the result depends on now; `tie_break` defaults to the decision in the audit."""
    evaluators, moderation = loaded.evaluation
    chosen = tie_break if tie_break is not None else recorded_tie_break(loaded)
    return sealed_values(loaded.file, evaluators, moderation, chosen)


def _seal_problems(loaded: LoadedCompetition) -> list[Problem]:
    if loaded.file.competition.status not in SCORED_STATUSES:
        return []
    stored = loaded.seal
    if stored is None:
        return [
            error(
                "RESULT_SEAL_MISSING",
                f"The competition is {loaded.file.competition.status.value} but its Seal sheet "
                "(the record of what the result was scored on) is missing. Score again "
                "(dps score), or restore the latest backup.",
                _status_ref(),
            )
        ]
    scored = [e for e in loaded.audit_entries if e.action == SCORED_ACTION]
    in_audit = bool(scored) and stored.fingerprint in scored[-1].details
    return seal_problems(stored, current_seal_values(loaded), in_audit)


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


def integrity_problems(loaded: LoadedCompetition, *, with_seal: bool = True) -> list[Problem]:
    """The launch lock, the audit chain and (unless `with_seal` is False) the result seal."""
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
    sealed = _seal_problems(loaded) if with_seal else []
    return loaded.locate([*problems, *_lock_problems(loaded, record), *sealed])


AFTER_SCORING = {"EVALUATION_CHANGED_AFTER_SCORING", "RESULT_SEAL_ALTERED", "RESULT_SEAL_MISSING"}


def require_untampered(loaded: LoadedCompetition, *, with_seal: bool = True) -> None:
    """`with_seal=False` for scoring, which replaces the seal and so may accept a change."""
    problems = integrity_problems(loaded, with_seal=with_seal)
    if not problems:
        return
    reference = loaded.file.competition.reference or str(loaded.path)
    if all(p.code in AFTER_SCORING for p in problems):
        raise EvaluationChangedAfterScoring(reference, problems)
    raise CriteriaChangedAfterLaunch(reference, problems)


def require_status(action: str, loaded: LoadedCompetition, now: datetime) -> None:
    reason = refusal(action, loaded.file.competition, now)
    if reason:
        raise ActionRefused(action, reason)

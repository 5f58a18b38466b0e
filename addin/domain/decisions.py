"""Decisions recorded in the audit trail, read back onto the competition.

A decision about a bid — accepting a late bid, settling a tie for first place — is written
once, as an audit row ``<supplier ID>: <reason>``, by the service that takes it. The audit
trail is hash-chained, so the decision cannot be edited quietly; scoring, the result seal and
the report all read it from there, through `with_recorded_decisions`.
"""

from __future__ import annotations

from collections.abc import Sequence

from addin.domain.audit import AuditEntry
from addin.domain.models import CompetitionFile, RecordedDecision

LATE_BID_ACTION = "Late bid accepted"
TIE_BREAK_ACTION = "Tie-break decision"


def decision_details(supplier_id: str, reason: str) -> str:
    return f"{supplier_id.strip()}: {reason.strip()}"


def _decision(entry: AuditEntry) -> RecordedDecision:
    supplier, _, reason = entry.details.partition(":")
    return RecordedDecision(
        supplier_id=supplier.strip(), reason=reason.strip(), when=entry.when, who=entry.who
    )


def late_bids_accepted(entries: Sequence[AuditEntry]) -> tuple[RecordedDecision, ...]:
    """One decision per supplier (the first recorded), in the order they were taken."""
    found: dict[str, RecordedDecision] = {}
    for entry in entries:
        if entry.action == LATE_BID_ACTION:
            decision = _decision(entry)
            found.setdefault(decision.supplier_id.casefold(), decision)
    return tuple(found.values())


def tie_break_decision(entries: Sequence[AuditEntry]) -> RecordedDecision | None:
    """The latest recorded tie-break decision: a re-scoring may record a new one."""
    decisions = [e for e in entries if e.action == TIE_BREAK_ACTION]
    return _decision(decisions[-1]) if decisions else None


def with_recorded_decisions(
    file: CompetitionFile, entries: Sequence[AuditEntry]
) -> CompetitionFile:
    return file.model_copy(
        update={
            "late_bids_accepted": late_bids_accepted(entries),
            "tie_break_decision": tie_break_decision(entries),
        }
    )

"""Challenges to the award decision, kept in the hash-chained audit trail.

A claim issued during the standstill suspends the conclusion of the contract (reg. 95 PCR 2015)
until it is resolved. The audit trail is the record: a "Challenge received" row, later a
"Challenge resolved" row, each with the date the officer gives and the details, as
``YYYY-MM-DD: details``. Keeping them there, rather than in a table of their own, means an
edited or deleted challenge breaks the chain (AUDIT_TRAIL_BROKEN) like any other change.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict

from addin.domain.audit import AuditEntry

RECEIVED = "Challenge received"
RESOLVED = "Challenge resolved"


class Challenge(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    received: date
    details: str
    resolved: date | None = None
    resolution: str = ""

    @property
    def is_open(self) -> bool:
        return self.resolved is None


def audit_details(day: date, details: str) -> str:
    return f"{day.isoformat()}: {' '.join(details.split())}"


def _split(details: str) -> tuple[date, str]:
    day, _, text = details.partition(":")
    return date.fromisoformat(day.strip()), text.strip()


def challenges(entries: Sequence[AuditEntry]) -> list[Challenge]:
    """Every challenge recorded, in order; each resolution closes the one before it."""
    found: list[Challenge] = []
    for entry in entries:
        if entry.action == RECEIVED:
            day, text = _split(entry.details)
            found.append(Challenge(received=day, details=text))
        elif entry.action == RESOLVED and found and found[-1].is_open:
            day, text = _split(entry.details)
            found[-1] = found[-1].model_copy(update={"resolved": day, "resolution": text})
    return found


def open_challenge(entries: Sequence[AuditEntry]) -> Challenge | None:
    recorded = challenges(entries)
    return recorded[-1] if recorded and recorded[-1].is_open else None


def challenge_refusal(
    entries: Sequence[AuditEntry], received: date | None, resolved: date | None
) -> str | None:
    """Why this challenge entry may not be recorded now, or None."""
    current = open_challenge(entries)
    if received is not None and current is not None:
        return (
            f"a challenge received on {current.received:%d/%m/%Y} is still open: record its "
            "resolution (--resolved) before another"
        )
    if resolved is not None:
        if current is None:
            return "no challenge is open, so there is nothing to resolve"
        if resolved < current.received:
            return (
                f"the resolution date {resolved:%d/%m/%Y} is before the challenge was received "
                f"({current.received:%d/%m/%Y})"
            )
    return None

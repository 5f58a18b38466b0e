"""The decision not to award (reg. 84(1)(g)): who is told, and how it is read back from the audit.

Who gets a letter. Before the closing time every invited supplier does: each may be preparing a
bid, and the invitation is withdrawn. After it, every supplier whose bid was received does (late
ones too): they are the tenderers reg. 55(1) says must be told, with the grounds. Invited
suppliers who sent nothing get no letter; the portal's notice tells them.

Abandoning is possible until the award is recorded: before that the authority only *intends*
to award, even once the outcome letters have gone out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from addin.domain.audit import AuditEntry
from addin.domain.models import Bid, CompetitionFile

ABANDONED_ACTION = "Abandoned"
ABANDONMENT_LETTERS_ACTION = "Abandonment letters issued"
# Written by the award step once the contract is concluded; no abandoning after it.
AWARD_RECORDED_ACTION = "Contract awarded"  # addin.domain.award.AWARD_ACTION


@dataclass(frozen=True)
class Abandonment:
    when: datetime
    who: str
    reason: str


def abandonment_recipients(file: CompetitionFile, now: datetime) -> list[Bid]:
    closing = file.competition.closing_date
    if closing is not None and now < closing:
        return [b for b in file.bids if b.invited]
    return [b for b in file.bids if b.received]


def recorded_abandonment(audit: Sequence[AuditEntry]) -> Abandonment | None:
    decisions = [e for e in audit if e.action == ABANDONED_ACTION]
    last = decisions[-1] if decisions else None
    return Abandonment(last.when, last.who, last.details) if last else None


def award_recorded(audit: Sequence[AuditEntry]) -> AuditEntry | None:
    return next((e for e in reversed(audit) if e.action == AWARD_RECORDED_ACTION), None)

"""Draft → Launched → Closed → Evaluated → Standstill → Awarded: which action may run when.

Abandoned ends a competition without award (reg. 84(1)(g)); it is reached from any status
after launch, until the award itself is recorded.
"""

from __future__ import annotations

from datetime import datetime

from addin.domain.models import Competition, Status

ALLOWED: dict[str, tuple[Status, ...]] = {
    "invite": (Status.DRAFT,),
    "launch": (Status.DRAFT,),
    "extend": (Status.LAUNCHED,),
    # A late bid may be let in only after closing, before anyone has seen the bids to score.
    "accept-late": (Status.LAUNCHED, Status.CLOSED),
    "evaluators": (Status.LAUNCHED, Status.CLOSED, Status.EVALUATED),
    "moderate": (Status.LAUNCHED, Status.CLOSED, Status.EVALUATED),
    # Scoring again after letters needs a recorded reason (the service asks for it); once the
    # contract is awarded (concluded) the result can no longer change.
    "score": (Status.LAUNCHED, Status.CLOSED, Status.EVALUATED, Status.STANDSTILL),
    "letters": (Status.EVALUATED, Status.STANDSTILL),
    "report": (
        Status.LAUNCHED,
        Status.CLOSED,
        Status.EVALUATED,
        Status.STANDSTILL,
        Status.AWARDED,
        Status.ABANDONED,
    ),
    # A claim suspends the conclusion of the contract (reg. 95): recorded during the standstill.
    "challenge": (Status.STANDSTILL,),
    "award": (Status.STANDSTILL,),
    "ocds": (Status.LAUNCHED, Status.CLOSED, Status.EVALUATED, Status.STANDSTILL, Status.AWARDED),
    # Until the contract is awarded the council may still decide not to award.
    "abandon": (Status.LAUNCHED, Status.CLOSED, Status.EVALUATED, Status.STANDSTILL),
}
# Actions that open the bids may only run once bids have closed.
AFTER_CLOSING = {"accept-late", "evaluators", "moderate", "score"}

NEXT_STEP: dict[Status, str] = {
    Status.DRAFT: "validate and launch it (dps launch)",
    Status.LAUNCHED: "wait for the closing date, then create the evaluator tabs",
    Status.CLOSED: "create evaluator tabs, moderate and score",
    Status.EVALUATED: "issue the letters (dps letters)",
    Status.STANDSTILL: "wait for the standstill to end, then record the award (dps award)",
    Status.AWARDED: "nothing more: the contract is awarded; publish the notices on the "
    "Publication sheet",
    Status.ABANDONED: "nothing more: the competition was abandoned; write the report (dps report)",
}


def effective_status(c: Competition, now: datetime) -> Status:
    """A launched competition is Closed once its closing time has passed."""
    if c.status is Status.LAUNCHED and c.closing_date is not None and now >= c.closing_date:
        return Status.CLOSED
    return c.status


def refusal(action: str, c: Competition, now: datetime) -> str | None:
    """Why `action` may not run now, or None when it may."""
    status = effective_status(c, now)
    if status not in ALLOWED[action]:
        return (
            f"cannot {action} a competition that is {status.value}; next step: {NEXT_STEP[status]}"
        )
    if action in AFTER_CLOSING and status is Status.LAUNCHED and c.closing_date:
        return (
            f"cannot {action} before bids close at {c.closing_date:%H:%M on %d/%m/%Y}: "
            "bids must stay sealed until then"
        )
    if action == "launch" and c.closing_date and c.closing_date <= now:
        return (
            f"the closing date {c.closing_date:%d/%m/%Y %H:%M} has passed: set a closing date "
            "at least 10 days after the invitation date, then launch"
        )
    return None

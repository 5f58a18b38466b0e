"""Accepting a late bid: a recorded decision, taken after closing and before anyone scores.

A late bid is normally not evaluated. The officer may decide to accept one (a portal failure,
say); the decision and its reason go into the audit trail, from which scoring, the result seal
and the report read it (addin/domain/decisions.py). It must come before the evaluator tabs are
created: after that, the panel has seen which bids are in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from addin.domain.decisions import LATE_BID_ACTION, decision_details
from addin.domain.evaluation import bidder, is_late, key
from addin.domain.models import Bid, CompetitionFile, Status
from addin.errors import ActionRefused
from addin.services.integrity import require_status, require_untampered
from addin.services.ports import CompetitionWorkbook
from addin.services.unit_of_work import unit_of_work

ACTION = "accept-late"


@dataclass
class LateBidsResult:
    path: str
    accepted: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)


def accept_late_bids(
    workbook: CompetitionWorkbook,
    decisions: Sequence[tuple[str, str]],
    officer: str | None,
    now: datetime,
) -> LateBidsResult:
    """Records each (supplier ID, reason) as a decision to evaluate that late bid; one save.

    A bid already accepted is left as recorded (listed in `already`); nothing is saved then.
    """
    if not decisions or any(not reason.strip() for _, reason in decisions):
        raise ActionRefused(ACTION, 'give the reason for accepting the late bid with --reason "…"')
    with unit_of_work(workbook, ACTION, now) as work:
        require_status(ACTION, work.loaded, now)
        require_untampered(work.loaded)
        file = work.loaded.file
        evaluators, _ = work.loaded.evaluation
        if evaluators:
            raise ActionRefused(
                ACTION,
                "the evaluator tabs have been created, so the panel has seen which bids are in: "
                "a late bid can be accepted only before that",
            )
        result = LateBidsResult(path=workbook.label)
        who = officer or file.competition.officer_name or "unknown officer"
        c = file.competition
        if c.status is Status.LAUNCHED and c.closing_date and now >= c.closing_date:
            work.set_status(Status.CLOSED.value)
            work.audit(who, "Closed", f"Bids closed at {c.closing_date:%H:%M on %d/%m/%Y}")
        for supplier_id, reason in decisions:
            bid = _late_bid(file, supplier_id)
            if file.late_bid_accepted(bid.supplier_id) is not None:
                result.already.append(bid.supplier_id)
                continue
            work.audit(who, LATE_BID_ACTION, decision_details(bid.supplier_id, reason))
            result.accepted.append(bid.supplier_id)
        if result.accepted:
            result.path = work.commit()
        return result


def _late_bid(file: CompetitionFile, supplier_id: str) -> Bid:
    """The Bids row of a bid that arrived after the closing time; refuses anything else."""
    bid = next((b for b in file.bids if key(b.supplier_id) == key(supplier_id)), None)
    if bid is None:
        raise ActionRefused(ACTION, f'there is no Bids row for supplier "{supplier_id}"')
    if not bid.invited or not bid.received:
        raise ActionRefused(
            ACTION, f"{bidder(bid)} is not recorded as invited and bid received on Bids"
        )
    if bid.received_at is None:
        raise ActionRefused(ACTION, f"{bidder(bid)} has no Received at: record when it arrived")
    if not is_late(bid, file.competition):
        raise ActionRefused(
            ACTION,
            f"{bidder(bid)}'s bid arrived on time ({bid.received_at:%d/%m/%Y %H:%M}), so there "
            "is nothing to accept",
        )
    return bid

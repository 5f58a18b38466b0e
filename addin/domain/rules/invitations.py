"""Who must be invited: every Active member of the lot, and nobody else (no direct award)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from addin.domain.dps import DynamicPurchasingSystem
from addin.domain.models import Bid, CompetitionFile, Member, MemberStatus
from addin.domain.problems import FieldRef, Problem, error, warning
from addin.domain.rules.members import name_key
from addin.domain.schema import BIDS, MEMBERS


def _bid_ref(bid: Bid, column: str) -> FieldRef:
    return FieldRef(table=BIDS.name, row=bid.row, column=column)


def _member_ref(member: Member, column: str) -> FieldRef:
    return FieldRef(table=MEMBERS.name, row=member.row, column=column)


def check_invitations(file: CompetitionFile, dps: DynamicPurchasingSystem) -> list[Problem]:
    lot = file.competition.lot
    if lot is None or dps.lot(lot) is None:
        return []  # LOT_UNKNOWN says what to fix; who is eligible depends on it
    problems = _duplicate_bids(file.bids)
    bids_by_id = {b.supplier_id.casefold(): b for b in file.bids if b.supplier_id}
    invited_on = file.competition.invitation_date
    for member in file.members:
        if not (member.eligible_for(lot) and member.supplier_id):
            continue
        bid = bids_by_id.get(member.supplier_id.casefold())
        if invited_on and member.admitted_on and member.admitted_on > invited_on:
            problems += _joined_after_invitation(member, bid, invited_on)
        else:
            problems += _must_be_invited(member, bid, lot)
    for bid in file.bids:
        if bid.supplier_id:
            problems += _check_bid_supplier(bid, file.member(bid.supplier_id), lot)
    return problems


def _must_be_invited(member: Member, bid: Bid | None, lot: int) -> list[Problem]:
    if bid is None:
        return [
            error(
                "MEMBER_NOT_INVITED",
                f"{member.name} ({member.supplier_id}) is an Active Lot {lot} member but has no "
                "row in Bids. Every supplier on the lot must be invited: add a Bids row with "
                "Invited = Yes.",
                _member_ref(member, "Supplier ID"),
            )
        ]
    if not bid.invited:
        return [
            error(
                "MEMBER_NOT_INVITED",
                f"{member.name} ({member.supplier_id}) is an Active Lot {lot} member but Invited "
                "is not Yes. Every supplier on the lot must be invited.",
                _bid_ref(bid, "Invited"),
            )
        ]
    return []


def _joined_after_invitation(member: Member, bid: Bid | None, invited_on: date) -> list[Problem]:
    """Information only: the law does not require inviting a member admitted after the invitation."""
    if bid is not None and bid.invited:
        return []
    return [
        warning(
            "MEMBER_JOINED_AFTER_INVITATION",
            f"{member.name} ({member.supplier_id}) was admitted to the DPS on "
            f"{member.admitted_on:%d/%m/%Y}, after the invitation date {invited_on:%d/%m/%Y}: "
            "for information only, as a member admitted later need not be invited.",
            _member_ref(member, "Admitted on"),
        )
    ]


def _check_bid_supplier(bid: Bid, member: Member | None, lot: int) -> list[Problem]:
    if member is None:
        return [
            error(
                "BID_SUPPLIER_UNKNOWN",
                f'Supplier ID "{bid.supplier_id}" is not in the Members table: check the ID, or '
                "add the supplier if Oldham has admitted them to the DPS.",
                _bid_ref(bid, "Supplier ID"),
            )
        ]
    problems = []
    if bid.invited and not member.eligible_for(lot):
        inactive = member.status is not MemberStatus.ACTIVE
        status = member.status.value if member.status else "without a status"
        why = f"is {status}" if inactive else f"is not on Lot {lot}"
        problems.append(
            error(
                "INVITED_NOT_ELIGIBLE",
                f"{member.name} ({member.supplier_id}) {why}, so cannot be invited: only Active "
                f"Lot {lot} members may bid (there is no direct award). Set Invited to No.",
                _bid_ref(bid, "Invited"),
                _member_ref(member, "Status" if inactive else f"Lot {lot}"),
            )
        )
    if bid.supplier_name and name_key(bid.supplier_name) != name_key(member.name):
        problems.append(
            warning(
                "BID_NAME_MISMATCH",
                f'Bids says "{bid.supplier_name}" but Members says "{member.name}" for '
                f"{member.supplier_id}. Letters use the Members name.",
                _bid_ref(bid, "Supplier name"),
            )
        )
    return problems


def _duplicate_bids(bids: tuple[Bid, ...]) -> list[Problem]:
    by_id: dict[str, list[Bid]] = defaultdict(list)
    for bid in bids:
        if bid.supplier_id:
            by_id[bid.supplier_id.casefold()].append(bid)
    return [
        error(
            "BID_DUPLICATE",
            f'Supplier "{same[0].supplier_id}" has {len(same)} rows in Bids: keep one.',
            *(_bid_ref(b, "Supplier ID") for b in same),
        )
        for same in by_id.values()
        if len(same) > 1
    ]

"""The DPS membership list pasted from Oldham Council's published list."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from addin.domain.dps import DynamicPurchasingSystem
from addin.domain.models import Member, MemberStatus
from addin.domain.problems import FieldRef, Problem, error, warning
from addin.domain.schema import MEMBERS

# Deliberately simple: one @, a dot in the domain, no spaces. Deliverability is not our job.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Legal-form suffixes only: "Calder Co-operative" and "Calder" may well be different bodies.
_SUFFIX_ENDINGS = ("ltd", "limited", "llp", "plc", "cic")
_LEGAL_SUFFIXES = re.compile(rf"\b({'|'.join(_SUFFIX_ENDINGS)})$")
_PUNCTUATION = re.compile(r"[^\w\s-]")


def is_email(text: str) -> bool:
    return bool(_EMAIL.match(text))


def _ref(row: int, column: str) -> FieldRef:
    return FieldRef(table=MEMBERS.name, row=row, column=column)


def name_key(name: str) -> str:
    """Names that differ only in case, punctuation or Ltd/Limited compare equal.

    Runs of spaces are not collapsed first: every space goes at the end, and no suffix test sees
    how many there are. A name that ends in no suffix skips the pattern (10,000 members).
    """
    key = _PUNCTUATION.sub(" ", name.casefold().replace("&", " and ")).strip()
    while key.endswith(_SUFFIX_ENDINGS):
        stripped = _LEGAL_SUFFIXES.sub("", key).strip()
        if stripped == key:
            break
        key = stripped
    return "".join(key.split()).replace("-", "")


def check_members(
    members: list[Member], dps: DynamicPurchasingSystem, today: date
) -> list[Problem]:
    problems: list[Problem] = []
    if not members:
        problems.append(
            error(
                "MEMBERS_EMPTY",
                "The Members table is empty: paste the current DPS membership list into it.",
                _ref(0, "Supplier ID"),
            )
        )
    problems += _duplicate_ids(members)
    problems += _likely_duplicates(members)
    for member in members:
        problems += _check_member(member, dps, today)
    return problems


def _check_member(member: Member, dps: DynamicPurchasingSystem, today: date) -> list[Problem]:
    problems = []
    who = member.name or member.supplier_id or f"row {member.row + 1}"
    if member.contact_email and not is_email(member.contact_email):
        problems.append(
            error(
                "MEMBER_EMAIL_INVALID",
                f'{who}: contact email "{member.contact_email}" is not a valid address.',
                _ref(member.row, "Contact email"),
            )
        )
    elif not member.contact_email:
        problems.append(
            error(
                "MEMBER_EMAIL_INVALID",
                f"{who}: contact email is missing; invitations and letters need it.",
                _ref(member.row, "Contact email"),
            )
        )
    if not member.lot_1 and not member.lot_2:
        problems.append(
            error(
                "MEMBER_NO_LOT",
                f"{who} is on neither lot: set Lot 1 or Lot 2 (or both) to Yes.",
                _ref(member.row, "Lot 1"),
                _ref(member.row, "Lot 2"),
            )
        )
    status = member.status
    if status is not None and status is not MemberStatus.ACTIVE and not member.notes:
        problems.append(
            warning(
                "MEMBER_STATUS_REASON_MISSING",
                f"{who} is {status.value} but Notes does not say why: record the basis "
                "(e.g. Oldham's notice and its date), since the supplier is not invited.",
                _ref(member.row, "Notes"),
            )
        )
    admitted = member.admitted_on
    if admitted and not dps.covers(admitted):
        problems.append(
            error(
                "MEMBER_ADMITTED_OUTSIDE_DPS",
                f"{who} admitted on {admitted:%d/%m/%Y}, outside the DPS period {dps.period_text}.",
                _ref(member.row, "Admitted on"),
            )
        )
    elif admitted and admitted > today:
        problems.append(
            error(
                "MEMBER_ADMITTED_IN_FUTURE",
                f"{who} admitted on {admitted:%d/%m/%Y}, which is in the future.",
                _ref(member.row, "Admitted on"),
            )
        )
    return problems


def _duplicate_ids(members: list[Member]) -> list[Problem]:
    by_id: dict[str, list[Member]] = defaultdict(list)
    for member in members:
        if member.supplier_id:
            by_id[member.supplier_id.casefold()].append(member)
    return [
        error(
            "MEMBER_ID_DUPLICATE",
            f'Supplier ID "{same[0].supplier_id}" is used by {len(same)} rows: IDs must be unique.',
            *(_ref(m.row, "Supplier ID") for m in same),
        )
        for same in by_id.values()
        if len(same) > 1
    ]


def _likely_duplicates(members: list[Member]) -> list[Problem]:
    by_name: dict[str, list[Member]] = defaultdict(list)
    for member in members:
        if member.name:
            by_name[name_key(member.name)].append(member)
    problems = []
    for same in by_name.values():
        if len(same) > 1:
            names = " / ".join(f'"{m.name}" ({m.supplier_id})' for m in same)
            problems.append(
                warning(
                    "MEMBER_POSSIBLE_DUPLICATE",
                    f"These look like the same supplier: {names}. Check and keep one row.",
                    *(_ref(m.row, "Supplier name") for m in same),
                )
            )
    return problems

"""Invented call-offs by other councils, sent to the DPS owner as OCDS files, for the demo's
register (and for tests of it). Every council, supplier and figure here is made up.

Each is built with the same OCDS builder `dps award` uses, from a minimal competition: the
council's invitation, its bids and the contract it concluded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from addin.domain.award import AwardRecord
from addin.domain.models import Bid, Competition, CompetitionFile, Member, MemberStatus, Status
from addin.domain.ocds import ProcessFacts, release_package
from addin.services.ocds import package_bytes, write_bytes


@dataclass(frozen=True)
class InventedCallOff:
    council: str
    reference: str
    title: str
    lot: int
    supplier_id: str
    supplier: str
    sme: bool
    vcse: bool
    invited: int
    bids: int
    value_ex_vat: Decimal
    value_inc_vat: Decimal
    signed: date


CALL_OFFS: tuple[InventedCallOff, ...] = (
    InventedCallOff(
        "Northmoor Borough Council",
        "NBC-CCIN-031",
        "Community wealth building strategy",
        1,
        "CCIN-001",
        "Mutual Futures Co-operative Ltd",
        True,
        False,
        5,
        3,
        Decimal("84500"),
        Decimal("101400"),
        date(2026, 10, 19),
    ),
    InventedCallOff(
        "Eastvale District Council",
        "EDC/2026/117",
        "Co-operative care commissioning review",
        1,
        "CCIN-004",
        "Northern Co-design Partnership LLP",
        True,
        False,
        5,
        4,
        Decimal("46250"),
        Decimal("55500"),
        date(2026, 11, 30),
    ),
    InventedCallOff(
        "Westbridge City Council",
        "WCC-0442",
        "Tenant-led housing co-operatives: capacity programme",
        2,
        "CCIN-005",
        "Civic Capacity Trust",
        False,
        True,
        4,
        2,
        Decimal("128000"),
        Decimal("128000"),
        date(2027, 1, 11),
    ),
    InventedCallOff(
        "Northmoor Borough Council",
        "NBC-CCIN-036",
        "Youth co-operative enterprise support",
        2,
        "CCIN-007",
        "Fairshare Insight Limited",
        True,
        False,
        4,
        3,
        Decimal("39900"),
        Decimal("47880"),
        date(2027, 2, 8),
    ),
)


def _file(c: InventedCallOff) -> CompetitionFile:
    invitation = c.signed - timedelta(days=45)
    others = [f"X-{i}" for i in range(1, c.invited)]
    ids = [c.supplier_id, *others]
    competition = Competition(
        reference=c.reference,
        title=c.title,
        authority=c.council,
        lot=c.lot,
        estimated_value=c.value_ex_vat,
        invitation_date=invitation,
        closing_date=datetime.combine(invitation + timedelta(days=14), time(12)),
        contract_start=c.signed + timedelta(days=7),
        contract_end=c.signed + timedelta(days=7 + 180),
        status=Status.AWARDED,
    )
    winner = Member(
        row=0,
        supplier_id=c.supplier_id,
        name=c.supplier,
        lot_1=c.lot == 1,
        lot_2=c.lot == 2,
        status=MemberStatus.ACTIVE,
        sme=c.sme,
        vcse=c.vcse,
    )
    bids = tuple(
        Bid(
            row=i,
            supplier_id=s,
            supplier_name=c.supplier if s == c.supplier_id else s,
            invited=True,
            received=i < c.bids,
        )
        for i, s in enumerate(ids)
    )
    return CompetitionFile(competition=competition, members=(winner,), bids=bids)


def facts_for(c: InventedCallOff) -> ProcessFacts:
    file = _file(c)
    record = AwardRecord(
        supplier_id=c.supplier_id,
        supplier_name=c.supplier,
        signed=c.signed,
        value_ex_vat=c.value_ex_vat,
        value_inc_vat=c.value_inc_vat,
        start=file.competition.contract_start,
        end=file.competition.contract_end,
        recorded_at=datetime.combine(c.signed, time(15)),
    )
    letters = datetime.combine(c.signed - timedelta(days=14), time(10))
    launched = datetime.combine(file.competition.invitation_date or c.signed, time(9))
    return ProcessFacts(
        file=file, winner_id=c.supplier_id, launched_at=launched, letters_at=letters, award=record
    )


def write_call_offs(
    folder: Path, prefix: str, call_offs: tuple[InventedCallOff, ...] = CALL_OFFS
) -> list[Path]:
    written = []
    for c in call_offs:
        name = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in c.reference)
        path = folder / f"{name}_ocds.json"
        written.append(write_bytes(path, package_bytes(release_package(facts_for(c), prefix))))
    return written

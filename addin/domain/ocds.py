"""The call-off as open data: an OCDS 1.1 release package with one release.

Stages, by the competition's status: launched → tag "tender"; letters issued (Standstill) →
"tender", "award" (award pending); contract concluded (Awarded) → "tender", "award", "contract".

Fields beyond OCDS 1.1 core, each from a published extension (listed in the package's
`extensions`): `tender.lots` and `awards[].relatedLots` (lots), `tender.techniques.
hasDynamicPurchasingSystem` (techniques), `parties[].details.scale` (partyScale). Where no
OCDS 1.1 field or extension exists, documented additional fields: `value.amountNet` and
`value.amountGross` (the names OCDS 1.2 gives the amounts excluding and including taxes; `amount`
is the value excluding VAT, as UK procurement values are), `parties[].details.vcse` (whether the
supplier is a voluntary, community or social enterprise) and `tender.numberOfInvitedSuppliers`.
The DPS owner's role `centralPurchasingBody` comes from the EU extension's additions to the open
partyRole codelist.

Times are UK local times from the workbook, written with their UTC offset; nothing depends on
the clock, so the same workbook gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from addin.domain.award import AwardRecord
from addin.domain.dps import CCIN_DPS
from addin.domain.models import Category, CompetitionFile, Status
from addin.domain.uk_time import UK

Json = dict[str, object]
EXTENSIONS = (
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_techniques_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_partyDetails_scale_extension/master/extension.json",
)
DPS_OWNER = CCIN_DPS.owner.split(",")[0]  # "Oldham Council"
DPS_OWNER_ROLE = "centralPurchasingBody"
METHOD_DETAILS = "Call-off from a dynamic purchasing system (mini-competition, PCR 2015 reg. 34)"


class ProcessFacts(BaseModel):
    """What the release is built from: the workbook's tables and the times in its audit trail."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    file: CompetitionFile
    winner_id: str | None = None
    launched_at: datetime | None = None
    letters_at: datetime | None = None
    award: AwardRecord | None = None


def ocid_for(prefix: str, reference: str) -> str:
    return f"{prefix}-{re.sub(r'[^A-Za-z0-9._-]+', '-', reference.strip())}"


def party_id(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")


def moment(value: datetime) -> str:
    """A naive UK time as RFC 3339 with its offset: 2026-11-11T12:00:00+00:00."""
    return value.replace(tzinfo=UK, microsecond=0).isoformat()


def day_start(value: date) -> str:
    return moment(datetime.combine(value, time()))


def day_end(value: date) -> str:
    return moment(datetime.combine(value, time(23, 59, 59)))


def amount(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def money(ex_vat: Decimal, inc_vat: Decimal | None = None) -> Json:
    found: Json = {"amount": amount(ex_vat)}
    if inc_vat is not None:
        found |= {"amountNet": amount(ex_vat), "amountGross": amount(inc_vat)}
    return found | {"currency": "GBP"}


def period(start: date | None, end: date | None) -> Json:
    found: Json = {}
    if start:
        found["startDate"] = day_start(start)
    if end:
        found["endDate"] = day_end(end)
    return found


def _stage(facts: ProcessFacts) -> list[str]:
    status = facts.file.competition.status
    tags = ["tender"]
    if status in (Status.STANDSTILL, Status.AWARDED) and facts.winner_id:
        tags.append("award")
    if status is Status.AWARDED and facts.award is not None:
        tags.append("contract")
    return tags


def _supplier_party(facts: ProcessFacts, supplier_id: str, name: str, roles: list[str]) -> Json:
    party: Json = {"id": supplier_id, "name": name, "roles": roles}
    member = facts.file.member(supplier_id)
    details: Json = {}
    if member is not None and member.sme is not None:
        details["scale"] = "sme" if member.sme else "large"
    if member is not None and member.vcse is not None:
        details["vcse"] = member.vcse
    if details:
        party["details"] = details
    return party


def _parties(facts: ProcessFacts, tags: Sequence[str]) -> list[Json]:
    c = facts.file.competition
    buyer = c.authority or "unknown council"
    owner_roles = ["buyer", DPS_OWNER_ROLE] if buyer.casefold() == DPS_OWNER.casefold() else None
    parties: list[Json] = [
        {"id": party_id(buyer), "name": buyer, "roles": owner_roles or ["buyer"]}
    ]
    if owner_roles is None:
        parties.append({"id": party_id(DPS_OWNER), "name": DPS_OWNER, "roles": [DPS_OWNER_ROLE]})
    for bid in facts.file.bids:
        if bid.received:
            won = "award" in tags and bid.supplier_id == facts.winner_id
            roles = ["tenderer", "supplier"] if won else ["tenderer"]
            parties.append(
                _supplier_party(facts, bid.supplier_id, _name(facts, bid.supplier_id), roles)
            )
    return parties


def _name(facts: ProcessFacts, supplier_id: str) -> str:
    member = facts.file.member(supplier_id)
    bid = next((b for b in facts.file.bids if b.supplier_id == supplier_id), None)
    return member.name if member else bid.supplier_name if bid else supplier_id


def _weights(file: CompetitionFile) -> str:
    totals: dict[Category, Decimal] = {}
    for criterion in file.criteria:
        totals[criterion.category] = totals.get(criterion.category, Decimal(0)) + criterion.weight
    return ", ".join(f"{cat.value} {weight.normalize():f} %" for cat, weight in totals.items())


def _tender(facts: ProcessFacts, tags: Sequence[str]) -> Json:
    c = facts.file.competition
    lot = CCIN_DPS.lot(c.lot or 0)
    status = "complete" if "contract" in tags else "active"
    received = [b for b in facts.file.bids if b.received]
    tender: Json = {"id": c.reference, "title": c.title, "status": status}
    tender |= {
        "procurementMethod": "selective",
        "procurementMethodDetails": METHOD_DETAILS,
        "mainProcurementCategory": "services",
        "awardCriteria": "ratedCriteria",
        "awardCriteriaDetails": _weights(facts.file),
    }
    if c.estimated_value is not None:
        tender["value"] = money(c.estimated_value)
    if c.invitation_date and c.closing_date:
        tender["tenderPeriod"] = {
            "startDate": day_start(c.invitation_date),
            "endDate": moment(c.closing_date),
        }
    tender["numberOfTenderers"] = len(received)
    tender["numberOfInvitedSuppliers"] = sum(1 for b in facts.file.bids if b.invited)
    tender["tenderers"] = [
        {"id": b.supplier_id, "name": _name(facts, b.supplier_id)} for b in received
    ]
    if c.contract_start or c.contract_end:
        tender["contractPeriod"] = period(c.contract_start, c.contract_end)
    tender["lots"] = [
        {"id": str(c.lot), "title": lot.label if lot else f"Lot {c.lot}", "status": status}
    ]
    tender["techniques"] = {"hasDynamicPurchasingSystem": True}
    return tender


def _award(facts: ProcessFacts) -> Json:
    c, record = facts.file.competition, facts.award
    winner = facts.winner_id or ""
    winning_bid = next((b for b in facts.file.bids if b.supplier_id == winner), None)
    found: Json = {"id": f"{c.reference}-award", "title": c.title}
    if record is not None and c.status is Status.AWARDED:
        found |= {"status": "active", "date": day_start(record.signed)}
        found["value"] = money(record.value_ex_vat, record.value_inc_vat)
        start, end = record.start or c.contract_start, record.end or c.contract_end
    else:
        found["status"] = "pending"
        if facts.letters_at:
            found["date"] = moment(facts.letters_at)
        if winning_bid is not None and winning_bid.price is not None:
            found["value"] = money(winning_bid.price)
        start, end = c.contract_start, c.contract_end
    found["suppliers"] = [{"id": winner, "name": _name(facts, winner)}]
    found["relatedLots"] = [str(c.lot)]
    if start or end:
        found["contractPeriod"] = period(start, end)
    return found


def _contract(facts: ProcessFacts, record: AwardRecord) -> Json:
    c = facts.file.competition
    return {
        "id": f"{c.reference}-contract",
        "awardID": f"{c.reference}-award",
        "title": c.title,
        "status": "active",
        "period": period(record.start or c.contract_start, record.end or c.contract_end),
        "value": money(record.value_ex_vat, record.value_inc_vat),
        "dateSigned": day_start(record.signed),
    }


def release_date(facts: ProcessFacts, tags: Sequence[str]) -> datetime | None:
    if "contract" in tags and facts.award is not None and facts.award.recorded_at:
        return facts.award.recorded_at
    if "award" in tags and facts.letters_at:
        return facts.letters_at
    return facts.launched_at


def release_package(facts: ProcessFacts, prefix: str, uri: str = "") -> Json:
    c = facts.file.competition
    tags = _stage(facts)
    ocid = ocid_for(prefix, c.reference or "")
    when = release_date(facts, tags)
    stamp = moment(when) if when else day_start(c.invitation_date or CCIN_DPS.starts)
    buyer = c.authority or "unknown council"
    release: Json = {
        "ocid": ocid,
        "id": f"{ocid}-{tags[-1]}",
        "date": stamp,
        "tag": tags,
        "initiationType": "tender",
        "language": "en",
        "parties": _parties(facts, tags),
        "buyer": {"id": party_id(buyer), "name": buyer},
        "tender": _tender(facts, tags),
        "relatedProcesses": [{"id": "dps", "relationship": ["framework"], "title": CCIN_DPS.name}],
    }
    if "award" in tags:
        release["awards"] = [_award(facts)]
    if "contract" in tags and facts.award is not None:
        release["contracts"] = [_contract(facts, facts.award)]
    return {
        "uri": uri or f"urn:x-ccin-dps:{ocid}",
        "version": "1.1",
        "extensions": list(EXTENSIONS),
        "publishedDate": stamp,
        "publisher": {"name": buyer},
        "releases": [release],
    }

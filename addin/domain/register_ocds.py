"""Call-offs from the OCDS release packages councils send (as `dps award` writes them).

One call-off per ocid: the release with the latest `date` is read. Values come from the contract
when there is one (`amountNet`/`amountGross`, else `amount` as the value excluding VAT), else
from the award. Each value's JSON path is kept so a problem can name it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from addin.domain.register import CallOff

Json = Mapping[str, Any]


class NotAReleasePackage(ValueError):
    """The JSON is not an OCDS release package (or a single release)."""


def _releases(data: object) -> list[tuple[str, Json]]:
    if isinstance(data, dict) and isinstance(data.get("releases"), list):
        found = [(f"/releases/{i}", r) for i, r in enumerate(data["releases"])]
    elif isinstance(data, dict) and "ocid" in data:
        found = [("", data)]
    else:
        raise NotAReleasePackage("not an OCDS release package: no releases array")
    if not found or not all(isinstance(r, dict) and r.get("ocid") for _, r in found):
        raise NotAReleasePackage("not an OCDS release package: a release has no ocid")
    return found


def _latest(releases: Sequence[tuple[str, Json]]) -> list[tuple[str, Json]]:
    by_ocid: dict[str, tuple[str, Json]] = {}
    for path, release in releases:
        ocid = str(release["ocid"])
        current = by_ocid.get(ocid)
        if current is None or str(release.get("date", "")) >= str(current[1].get("date", "")):
            by_ocid[ocid] = (path, release)
    return list(by_ocid.values())


def _first(items: object) -> Json:
    return items[0] if isinstance(items, list) and items and isinstance(items[0], dict) else {}


def _decimal(value: object) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _day(value: object) -> date | None:
    try:
        return datetime.fromisoformat(str(value)).date() if value else None
    except ValueError:
        return None


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _status(release: Json) -> str:
    if _first(release.get("contracts")):
        return "Awarded"
    if _first(release.get("awards")):
        return "Standstill"
    return "Launched"


def call_off_from_release(source: str, path: str, release: Json) -> CallOff:
    tender = release.get("tender") if isinstance(release.get("tender"), dict) else {}
    assert isinstance(tender, dict)
    award, contract = _first(release.get("awards")), _first(release.get("contracts"))
    supplier = _first(award.get("suppliers"))
    parties = [p for p in release.get("parties") or [] if isinstance(p, dict)]
    party = next((p for p in parties if p.get("id") == supplier.get("id")), {})
    details = party.get("details") if isinstance(party.get("details"), dict) else {}
    assert isinstance(details, dict)
    lot = _first(tender.get("lots"))
    money, where_money = (contract, "contracts/0") if contract else (award, "awards/0")
    value = money.get("value") if isinstance(money.get("value"), dict) else {}
    assert isinstance(value, dict)
    net = "amountNet" if "amountNet" in value else "amount"
    period = contract.get("period") or award.get("contractPeriod") or {}
    scale = details.get("scale")
    buyer = release.get("buyer") if isinstance(release.get("buyer"), dict) else {}
    assert isinstance(buyer, dict)
    return CallOff(
        source=source,
        council=str(buyer.get("name") or ""),
        reference=str(tender.get("id") or ""),
        title=str(tender.get("title") or ""),
        lot=int(lot["id"]) if str(lot.get("id", "")).isdigit() else None,
        supplier_id=str(supplier.get("id") or ""),
        supplier=str(supplier.get("name") or ""),
        sme=None if scale is None else scale in ("sme", "micro", "small", "medium"),
        vcse=details.get("vcse") if isinstance(details.get("vcse"), bool) else None,
        invited=_whole(tender.get("numberOfInvitedSuppliers")),
        bids=_whole(tender.get("numberOfTenderers")),
        value_ex_vat=_decimal(value.get(net)) if contract else None,
        value_inc_vat=_decimal(value.get("amountGross")) if contract else None,
        signed=_day(contract.get("dateSigned")),
        start=_day(period.get("startDate")) if isinstance(period, dict) else None,
        end=_day(period.get("endDate")) if isinstance(period, dict) else None,
        status=_status(release),
        ocid=str(release["ocid"]),
        where={
            "council": f"{path}/buyer/name",
            "reference": f"{path}/tender/id",
            "lot": f"{path}/tender/lots/0/id",
            "status": f"{path}/tag",
            "value_ex_vat": f"{path}/{where_money}/value/{net}",
            "value_inc_vat": f"{path}/{where_money}/value/amountGross",
            "signed": f"{path}/contracts/0/dateSigned",
            "start": f"{path}/contracts/0/period/startDate",
            "end": f"{path}/contracts/0/period/endDate",
        },
    )


def call_offs_from_ocds(source: str, data: object) -> list[CallOff]:
    """Raises NotAReleasePackage when `data` holds no releases."""
    return [call_off_from_release(source, p, r) for p, r in _latest(_releases(data))]

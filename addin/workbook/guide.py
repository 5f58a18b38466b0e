"""The Guide sheet's text: the DPS reference block and the officer's steps."""

from __future__ import annotations

from addin.domain.dps import CCIN_DPS, MINIMUM_TENDER_DAYS, RECOMMENDED_TENDER_DAYS

STEPS: tuple[str, ...] = (
    "1. Members: paste the current DPS membership list from Oldham Council (one row a supplier).",
    "2. Competition: fill in every field; Lot decides who must be invited.",
    "3. Criteria: Quality, Social Value and Price questions; weights must total exactly 100 %.",
    "4. Bids: one row for every Active member of the lot with Invited = Yes (no direct award).",
    "5. Validate (ribbon or `dps validate`), fix every error it lists, then Launch: the criteria "
    "are then locked and fingerprinted.",
    "6. After closing: record bids received, then create Evaluator tabs, Moderate and Score.",
    "7. Letters: one outcome letter per bidder; tell Oldham Council of the award.",
)


def dps_reference_rows() -> list[tuple[str, str]]:
    dps = CCIN_DPS
    return [
        ("DPS", dps.name),
        ("Owner", dps.owner),
        ("Portal", dps.portal),
        ("Period", dps.period_text),
        ("Maximum value", f"£{dps.maximum_value_gbp:,.0f}"),
        *((f"Lot {lot.number}", lot.name) for lot in dps.lots),
        ("Legal basis", dps.legal_basis),
        (
            "Call-off rules",
            "Mini-competition only; direct award is not permitted; every supplier "
            "on the lot must be invited.",
        ),
        (
            "Time to bid",
            f"At least {MINIMUM_TENDER_DAYS} days by law; the DPS owner recommends "
            f"{RECOMMENDED_TENDER_DAYS // 7} weeks.",
        ),
        (
            "Evaluation",
            "Strictly against the published criteria; no change once launched; "
            "scores, rationale and moderation recorded.",
        ),
        ("DPS contact", dps.contact),
    ]

"""The Guide sheet's text: the DPS reference block and the officer's steps."""

from __future__ import annotations

from addin.domain.dps import (
    CCIN_DPS,
    EXPIRY_MARGIN_DAYS,
    MINIMUM_STANDSTILL_DAYS,
    MINIMUM_TENDER_DAYS,
    RECOMMENDED_TENDER_DAYS,
)
from addin.domain.models import DEFAULT_EVALUATION_DAYS

STEPS: tuple[str, ...] = (
    "1. Members: paste the current DPS membership list from Oldham Council (one row a supplier); "
    "give the list's date on Competition (Members list dated) and, in Notes, why any member is "
    "Suspended or Removed.",
    "2. Competition: fill in every field; Lot decides who must be invited. The Tie-break rule "
    "says how equal totals are settled and is locked at launch.",
    "3. Criteria: Quality, Social Value and Price questions; weights must total exactly 100 %.",
    "4. Bids: one row for every Active member of the lot with Invited = Yes (no direct award). "
    "A member admitted after the invitation date need not be invited.",
    "5. Declarations: everyone involved (the Officer first, evaluators, moderator, approver, "
    "advisers) declares any conflict of interest before seeing bids; a conflict needs the "
    "measures taken. Record a supplier's prior involvement too (reg. 24, reg. 41).",
    "6. Validate (ribbon or `dps validate`), fix every error it lists, then Launch: the criteria "
    "are then locked and fingerprinted.",
    "7. Clarifications: log each question and answer, and share both with every bidder before "
    "closing.",
    "8. After closing: record bids received (a non-compliant bid needs its reason in Notes). A "
    "late bid is not evaluated unless you accept it, with a reason, before the evaluator tabs "
    "(`dps accept-late` or the ribbon's Accept late bid).",
    "9. Evaluator tabs, Moderate, Score. An evaluator who declares a conflict on their tab is "
    "excluded from scoring: keep their tab, and record the measures on Declarations.",
    "10. An abnormally low price: ask the bidder to explain (reg. 69), record the date, the "
    "decision (Accepted or Rejected) and the reasons on Bids, and score again.",
    "11. Pre-award: confirm each check on the winner's up-to-date evidence (date and name).",
    "12. Letters: one outcome letter per bidder; tell Oldham Council of the award. The status "
    "becomes Standstill, with its end on Competition (Standstill end).",
    "13. After the standstill, with no challenge open (`dps challenge`): Award records the "
    "contract signed and its value; publish each notice listed on the Publication sheet.",
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
            "Counting days",
            "The day of the invitation (or of the letters) does not count; a period of N days "
            "ends at midnight at the end of its Nth day. From an invitation sent on 3 November, "
            "10 days end at the end of 13 November: a 12:00 closing on 13 November is too early.",
        ),
        (
            "Time to bid",
            f"At least {MINIMUM_TENDER_DAYS} days by law; the DPS owner recommends "
            f"{RECOMMENDED_TENDER_DAYS // 7} weeks.",
        ),
        (
            "Standstill",
            f"At least {MINIMUM_STANDSTILL_DAYS} days (reg. 87), ending at midnight at the end "
            "of the last day, moved to the next working day when it falls on a weekend or bank "
            "holiday. 0 means none: allowed, but the award loses its protection against being "
            f"declared ineffective (reg. 99). 1 to {MINIMUM_STANDSTILL_DAYS - 1} is not a "
            "standstill.",
        ),
        (
            "DPS expiry",
            f"The DPS ends at the end of {dps.ends.day} {dps.ends:%B %Y} and cannot be "
            "extended: closing, the evaluation (Evaluation days, working days, default "
            f"{DEFAULT_EVALUATION_DAYS}) and the standstill must all end before then. Under "
            f"{EXPIRY_MARGIN_DAYS} days to spare is flagged. The contract itself may run beyond "
            "the DPS.",
        ),
        (
            "Evaluation",
            "Strictly against the published criteria; no change once launched; "
            "scores, rationale and moderation recorded.",
        ),
        ("DPS contact", dps.contact),
    ]

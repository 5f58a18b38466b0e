"""Records made before the tie-break rule, the members list date, the reg. 69 columns and
late-bid decisions existed stay valid; filling one of them in afterwards is a change."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from addin.domain.lock import LockedValue, changes_since_launch, locked_values
from addin.domain.models import (
    Bid,
    Competition,
    CompetitionFile,
    LowPriceDecision,
    RecordedDecision,
    TieBreakRule,
)
from addin.domain.seal import sealed_values

NEW_LOCK_ITEMS = {"Tie-break rule", "Members list dated"}


def launched_before(file: CompetitionFile) -> list[LockedValue]:
    """The lock record as an earlier version wrote it: without the items added since."""
    return [v for v in locked_values(file) if v.item not in NEW_LOCK_ITEMS]


def test_the_canonical_lines_name_the_new_items_in_order() -> None:
    file = CompetitionFile(
        competition=Competition(
            lot=1,
            closing_date=datetime(2026, 11, 11, 12),
            tie_break_rule=TieBreakRule.LOWER_PRICE,
            members_list_dated=date(2026, 10, 20),
        )
    )
    items = [(v.item, v.value) for v in locked_values(file)][:8]
    assert items[5:] == [
        ("Tie-break rule", "Lower price; then the panel's recorded decision"),
        ("Members list dated", "2026-10-20"),
        ("Criteria count", "0"),
    ]


def test_an_older_lock_is_still_valid_while_the_new_items_are_blank() -> None:
    file = CompetitionFile(competition=Competition(lot=1))
    stored = launched_before(file)
    assert changes_since_launch(stored, locked_values(file)) == []


def test_filling_in_a_new_item_after_launch_is_a_change() -> None:
    file = CompetitionFile(competition=Competition(lot=1))
    stored = launched_before(file)
    ruled = file.model_copy(
        update={"competition": Competition(lot=1, tie_break_rule=TieBreakRule.DECISION)}
    )
    (change,) = changes_since_launch(stored, locked_values(ruled))
    assert change.describe() == "Tie-break rule added (The panel's recorded decision)"


def test_an_older_seal_is_still_valid_and_a_later_decision_is_a_change() -> None:
    bid = Bid(row=0, supplier_id="S1", invited=True, received=True, price=Decimal(100))
    file = CompetitionFile(competition=Competition(lot=1), bids=(bid,))
    new_columns = ("Low price explanation requested", "Low price decision", "Low price reasons")
    stored = [v for v in sealed_values(file, [], [], None) if not v.item.endswith(new_columns)]
    assert changes_since_launch(stored, sealed_values(file, [], [], None)) == []
    decided = bid.model_copy(update={"low_price_decision": LowPriceDecision.ACCEPTED})
    late = RecordedDecision(supplier_id="S1", reason="Portal down", when=datetime(2026, 11, 11))
    later = file.model_copy(update={"bids": (decided,), "late_bids_accepted": (late,)})
    assert [
        c.describe() for c in changes_since_launch(stored, sealed_values(later, [], [], None))
    ] == [
        "Bid S1 Low price decision added (Accepted)",
        "Late bid S1 accepted added (Portal down)",
    ]

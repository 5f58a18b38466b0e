"""One Problem, shown by each door: the CLI's entry, the ribbon's alert line, the pane's entry."""

from __future__ import annotations

from addin.domain.problems import Problem, Severity
from addin.presentation import (
    alert_line,
    pane_entry,
    problem_json,
    problem_line,
    split_place,
    where,
    where_in_full,
)

SPREAD = Problem(
    code="NEEDS_MODERATION",
    severity=Severity.WARNING,
    message="Scores differ\nby 2 points.",
    cells=("'Eval A. Khan'!E10", "'Eval A. Khan'!E11", "Bids!C4"),
)
NOWHERE = Problem(code="LOCK_MISSING", severity=Severity.ERROR, message="No Lock sheet.")


def test_the_cli_entry_names_the_cells_as_ranges_then_the_message() -> None:
    assert where(SPREAD) == "'Eval A. Khan'!E10:E11, Bids!C4"
    assert problem_line(SPREAD) == (
        "  WARNING NEEDS_MODERATION  'Eval A. Khan'!E10:E11, Bids!C4\n"
        "          Scores differ\nby 2 points."
    )
    assert problem_line(SPREAD, where_in_full).startswith(
        "  WARNING NEEDS_MODERATION  'Eval A. Khan'!E10; 'Eval A. Khan'!E11; Bids!C4\n"
    )


def test_the_alert_line_is_one_line() -> None:
    assert alert_line(SPREAD) == (
        "WARNING NEEDS_MODERATION 'Eval A. Khan'!E10:E11, Bids!C4: Scores differ by 2 points."
    )
    assert alert_line(NOWHERE) == "ERROR LOCK_MISSING: No Lock sheet."


def test_the_pane_entry_has_places_the_pane_can_select_and_the_hint() -> None:
    assert pane_entry(SPREAD, "Agree a score.") == {
        "code": "NEEDS_MODERATION",
        "severity": "warning",
        "message": "Scores differ\nby 2 points.",
        "hint": "Agree a score.",
        "places": [
            {"sheet": "Eval A. Khan", "address": "E10:E11", "label": "'Eval A. Khan'!E10:E11"},
            {"sheet": "Bids", "address": "C4", "label": "Bids!C4"},
        ],
    }
    assert pane_entry(NOWHERE)["places"] == [] and pane_entry(NOWHERE)["hint"] == ""


def test_json_lists_every_cell() -> None:
    assert problem_json(SPREAD)["cells"] == list(SPREAD.cells)


def test_a_place_splits_into_sheet_and_address() -> None:
    assert split_place("'O''Brien tab'!$B$2:$B$5") == ("O'Brien tab", "B2:B5")
    assert split_place("tblBids[Price]") is None
    assert split_place("members.json#/0/name") is None

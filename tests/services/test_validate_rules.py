"""Every set-up rule, through a real workbook: exact codes and the exact cells named."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from addin.domain.problems import Problem
from addin.services.validate import validate_workbook
from tests.builders import CRITERIA, MEMBERS, TODAY, build_workbook, edit, invitations


def problems(path: Path) -> list[Problem]:
    report = validate_workbook(path, TODAY)
    assert report.unreadable is None, report.unreadable
    return report.problems


def found(path: Path) -> set[tuple[str, tuple[str, ...]]]:
    return {(p.code, p.cells) for p in problems(path)}


def codes(path: Path) -> list[str]:
    return [p.code for p in problems(path)]


def test_the_sample_competition_is_clean(tmp_path: Path) -> None:
    assert problems(build_workbook(tmp_path)) == []


# --- Members ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"Supplier ID": None}, ("VALUE_MISSING", ("Members!A4",))),
        ({"Supplier name": " "}, ("VALUE_MISSING", ("Members!B4",))),
        ({"Contact email": "aisha.mutualfutures.coop"}, ("MEMBER_EMAIL_INVALID", ("Members!D4",))),
        ({"Lot 1": "Y"}, ("VALUE_NOT_YES_NO", ())),  # "Y" is accepted: see below
        ({"Lot 1": "Maybe"}, ("VALUE_NOT_YES_NO", ("Members!G4",))),
        ({"Status": "Pending"}, ("VALUE_NOT_IN_LIST", ("Members!I4",))),
        ({"Admitted on": "yesterday"}, ("VALUE_NOT_A_DATE", ("Members!J4",))),
        (
            {"Admitted on": datetime(2019, 12, 31)},
            ("MEMBER_ADMITTED_OUTSIDE_DPS", ("Members!J4",)),
        ),
        ({"Admitted on": datetime(2026, 12, 1)}, ("MEMBER_ADMITTED_IN_FUTURE", ("Members!J4",))),
        ({"SME": "perhaps"}, ("VALUE_NOT_YES_NO", ("Members!K4",))),
    ],
)
def test_member_rules(tmp_path: Path, changes: dict[str, object], expected: tuple) -> None:
    result = found(build_workbook(tmp_path, members=edit(MEMBERS, 0, changes)))
    if expected[1]:
        assert expected in result
    else:
        assert not any(code == expected[0] for code, _ in result)


def test_member_on_no_lot_names_both_lot_cells(tmp_path: Path) -> None:
    members = edit(MEMBERS, 4, {"Lot 1": "No", "Lot 2": "No"})
    assert ("MEMBER_NO_LOT", ("Members!G8", "Members!H8")) in found(
        build_workbook(tmp_path, members=members)
    )


def test_duplicate_supplier_ids_flag_every_row(tmp_path: Path) -> None:
    members = edit(MEMBERS, 6, {"Supplier ID": "ccin-001"})
    assert ("MEMBER_ID_DUPLICATE", ("Members!A4", "Members!A10")) in found(
        build_workbook(tmp_path, members=members)
    )


def test_likely_duplicate_names_are_a_warning(tmp_path: Path) -> None:
    members = edit(MEMBERS, 6, {"Supplier name": "MUTUAL FUTURES CO-OPERATIVE LIMITED."})
    result = problems(build_workbook(tmp_path, members=members))
    duplicate = [p for p in result if p.code == "MEMBER_POSSIBLE_DUPLICATE"]
    assert [(p.severity.value, p.cells) for p in duplicate] == [
        ("warning", ("Members!B4", "Members!B10"))
    ]


# --- Competition -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"Title": None}, ("VALUE_MISSING", ("Competition!B5",))),
        ({"Lot": 3}, ("LOT_UNKNOWN", ("Competition!B7",))),
        ({"Lot": "one"}, ("VALUE_NOT_A_NUMBER", ("Competition!B7",))),
        ({"Officer email": "sam.patel"}, ("OFFICER_EMAIL_INVALID", ("Competition!B9",))),
        ({"Estimated value (GBP)": 0}, ("VALUE_NOT_POSITIVE", ("Competition!B10",))),
        (
            {"Estimated value (GBP)": 30_000_001},
            ("VALUE_ABOVE_DPS_MAXIMUM", ("Competition!B10",)),
        ),
        ({"Closing date": "soon"}, ("VALUE_NOT_A_DATE", ("Competition!B12",))),
        ({"Price scoring method": "Cheapest"}, ("VALUE_NOT_IN_LIST", ("Competition!B15",))),
        ({"Score scale maximum": 4.5}, ("VALUE_NOT_A_WHOLE_NUMBER", ("Competition!B16",))),
        ({"Standstill days": -1}, ("STANDSTILL_INVALID", ("Competition!B18",))),
        # Typing mistakes the calendar could not count to (they stopped validation before).
        ({"Standstill days": 3_000_000}, ("STANDSTILL_INVALID", ("Competition!B18",))),
        ({"Standstill days": 1e300}, ("STANDSTILL_INVALID", ("Competition!B18",))),
        ({"Evaluation days": 3_000_000}, ("EVALUATION_DAYS_INVALID", ("Competition!B23",))),
        ({"Evaluation days": 1e300}, ("EVALUATION_DAYS_INVALID", ("Competition!B23",))),
        (
            {"Invitation date": datetime(2029, 2, 20), "Closing date": datetime(2029, 3, 6, 12)},
            ("DATE_OUTSIDE_DPS", ("Competition!B12",)),
        ),
        (
            {"Contract end": datetime(2026, 1, 1)},
            ("CONTRACT_END_BEFORE_START", ("Competition!B13", "Competition!B14")),
        ),
    ],
)
def test_competition_rules(tmp_path: Path, changes: dict[str, object], expected: tuple) -> None:
    assert expected in found(build_workbook(tmp_path, fields=changes))


# The tender period, standstill and DPS expiry: tests/services/test_timetable.py


def test_a_missing_field_row_is_reported_at_the_header(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = build_workbook(tmp_path)
    book = load_workbook(path)
    book["Competition"]["A9"] = "Officer e-mail"  # renamed field label
    book.save(path)
    result = found(path)
    assert ("FIELD_MISSING", ("Competition!A3",)) in result
    assert ("FIELD_UNKNOWN", ("Competition!A9",)) in result


# --- Criteria --------------------------------------------------------------------------------


def test_weights_not_100_flags_every_weight_cell_and_says_the_total(tmp_path: Path) -> None:
    criteria = edit(CRITERIA, 2, {"Weight %": 10})
    result = [p for p in problems(build_workbook(tmp_path, criteria=criteria))]
    weights = [p for p in result if p.code == "WEIGHTS_NOT_100"]
    assert len(weights) == 1
    assert weights[0].cells == tuple(f"Criteria!D{r}" for r in range(4, 9))
    assert "now 95 %" in weights[0].message


def test_fractions_for_weights_get_a_hint(tmp_path: Path) -> None:
    criteria = [dict(c, **{"Weight %": float(c["Weight %"]) / 100}) for c in CRITERIA]  # type: ignore[arg-type]
    (weights,) = [
        p
        for p in problems(build_workbook(tmp_path, criteria=criteria))
        if p.code == "WEIGHTS_NOT_100"
    ]
    assert "enter 30 for 30 %" in weights.message


@pytest.mark.parametrize(
    ("index", "changes", "expected"),
    [
        (1, {"ID": "Q1"}, ("CRITERION_ID_DUPLICATE", ("Criteria!A4", "Criteria!A5"))),
        (0, {"Category": "Fun"}, ("VALUE_NOT_IN_LIST", ("Criteria!B4",))),
        (0, {"Max score": 0}, ("MAX_SCORE_INVALID", ("Criteria!E4",))),
        (0, {"Max score": 2.5}, ("VALUE_NOT_A_WHOLE_NUMBER", ("Criteria!E4",))),
        (0, {"Minimum score": 6}, ("MIN_SCORE_INVALID", ("Criteria!F4",))),
        (4, {"Minimum score": 1}, ("MIN_SCORE_INVALID", ("Criteria!F8",))),
        (0, {"Max score": 10}, ("MAX_SCORE_NOT_SCALE", ("Criteria!E4",))),
        (0, {"Weight %": 120}, ("WEIGHT_OUT_OF_RANGE", ("Criteria!D4",))),
    ],
)
def test_criteria_rules(
    tmp_path: Path, index: int, changes: dict[str, object], expected: tuple
) -> None:
    assert expected in found(build_workbook(tmp_path, criteria=edit(CRITERIA, index, changes)))


def test_exactly_one_price_row(tmp_path: Path) -> None:
    criteria = edit(CRITERIA, 3, {"Category": "Price", "Max score": None})
    assert ("PRICE_CRITERION_COUNT", ("Criteria!B7", "Criteria!B8")) in found(
        build_workbook(tmp_path, criteria=criteria)
    )
    no_price = [c for c in CRITERIA if c["Category"] != "Price"]
    assert "PRICE_CRITERION_COUNT" in codes(build_workbook(tmp_path, "b.xlsx", criteria=no_price))


def test_category_total_above_100(tmp_path: Path) -> None:
    criteria = edit(CRITERIA, 0, {"Weight %": 90})
    criteria = edit(criteria, 4, {"Weight %": -60})
    result = found(build_workbook(tmp_path, criteria=criteria))
    assert ("CATEGORY_WEIGHT_OUT_OF_RANGE", ("Criteria!D4", "Criteria!D5", "Criteria!D6")) in result


# --- Invitations -----------------------------------------------------------------------------


def test_an_active_lot_member_with_no_bids_row_must_be_invited(tmp_path: Path) -> None:
    bids = invitations(["CCIN-001", "CCIN-002", "CCIN-003"])
    assert ("MEMBER_NOT_INVITED", ("Members!A7",)) in found(build_workbook(tmp_path, bids=bids))


def test_invited_no_is_not_invited(tmp_path: Path) -> None:
    bids = edit(invitations(), 1, {"Invited": "No"})
    assert ("MEMBER_NOT_INVITED", ("Bids!C5",)) in found(build_workbook(tmp_path, bids=bids))


@pytest.mark.parametrize(
    ("supplier", "member_cell"),
    [("CCIN-006", "Members!I9"), ("CCIN-005", "Members!G8")],  # suspended; Lot 2 only
)
def test_nobody_ineligible_is_invited(tmp_path: Path, supplier: str, member_cell: str) -> None:
    bids = invitations([*["CCIN-001", "CCIN-002", "CCIN-003", "CCIN-004"], supplier])
    assert ("INVITED_NOT_ELIGIBLE", ("Bids!C8", member_cell)) in found(
        build_workbook(tmp_path, bids=bids)
    )


def test_unknown_and_duplicate_bid_suppliers(tmp_path: Path) -> None:
    bids = invitations([*["CCIN-001", "CCIN-002", "CCIN-003", "CCIN-004"], "CCIN-999", "CCIN-001"])
    result = found(build_workbook(tmp_path, bids=bids))
    assert ("BID_SUPPLIER_UNKNOWN", ("Bids!A8",)) in result
    assert ("BID_DUPLICATE", ("Bids!A4", "Bids!A9")) in result


def test_a_lot_2_competition_needs_the_lot_2_members(tmp_path: Path) -> None:
    path = build_workbook(tmp_path, fields={"Lot": 2})
    missing = sorted(p.cells for p in problems(path) if p.code == "MEMBER_NOT_INVITED")
    # Lot 2 Active members: 001, 003, 005, 007; 001 and 003 are already invited.
    assert missing == [("Members!A10",), ("Members!A8",)]
    wrong = sorted(p.cells[0] for p in problems(path) if p.code == "INVITED_NOT_ELIGIBLE")
    assert wrong == ["Bids!C5", "Bids!C7"]  # 002 and 004 are Lot 1 only


def test_every_problem_is_found_in_one_pass(tmp_path: Path) -> None:
    path = build_workbook(
        tmp_path,
        fields={"Lot": 3, "Estimated value (GBP)": -5},
        criteria=edit(CRITERIA, 0, {"Weight %": 5}),
        members=edit(MEMBERS, 0, {"Contact email": "nope"}),
    )
    assert {"LOT_UNKNOWN", "VALUE_NOT_POSITIVE", "WEIGHTS_NOT_100", "MEMBER_EMAIL_INVALID"} <= set(
        codes(path)
    )

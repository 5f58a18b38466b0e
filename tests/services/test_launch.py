"""Launch and lock, extend, tamper detection and the audit chain, through the service API."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.errors import ActionRefused, CriteriaChangedAfterLaunch, ProblemsFound
from addin.services.launch import extend, launch
from addin.services.validate import validate_workbook
from addin.workbook.file_workbook import FileWorkbook
from tests.builders import CRITERIA, LAUNCH_TIME, TODAY, build_workbook, edit, launched_workbook


def codes_and_cells(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    return [(p.code, p.cells) for p in validate_workbook(path, TODAY).problems]


def test_launch_sets_status_locks_and_audits(tmp_path: Path) -> None:
    path = launched_workbook(tmp_path)
    book = load_workbook(path)
    assert book["Competition"]["B19"].value == "Launched"
    assert book["Criteria"].protection.sheet is True
    assert book["Competition"].protection.sheet is True
    assert book["Competition"]["B12"].protection.locked is True  # Closing date
    assert book["Competition"]["B5"].protection.locked is False  # Title stays editable
    assert book["Competition"]["B24"].protection.locked is True  # Tie-break rule
    assert book["Competition"]["B23"].protection.locked is False  # Evaluation days
    assert book["Bids"].protection.sheet is False
    assert book.sheetnames[-1] == "Audit"
    assert book["Lock"].sheet_state == "hidden"
    audit = [c.value for c in book["Audit"][4]]
    assert audit[0] == LAUNCH_TIME
    assert audit[1:3] == ["Sam Patel", "Launched"]
    assert "5 criteria (Quality 60 %, Social Value 10 %, Price 30 %)" in audit[3]
    assert len(audit[4]) == 64 and len(audit[5]) == 64
    assert codes_and_cells(path) == []


def test_launch_refuses_while_validation_has_errors_and_lists_them(tmp_path: Path) -> None:
    path = build_workbook(tmp_path, criteria=edit(CRITERIA, 0, {"Weight %": 25}))
    before = path.read_bytes()
    with pytest.raises(ProblemsFound) as caught:
        launch(FileWorkbook(path), "Sam Patel", LAUNCH_TIME)
    first = caught.value.problems[0]
    assert first.code == "WEIGHTS_NOT_100"
    assert first.cells == tuple(f"Criteria!D{row}" for row in range(4, 9))
    assert path.read_bytes() == before


def test_launching_twice_is_refused(tmp_path: Path) -> None:
    path = launched_workbook(tmp_path)
    with pytest.raises(ActionRefused, match="cannot launch a competition that is Launched"):
        launch(FileWorkbook(path), "Sam Patel", LAUNCH_TIME)


def test_launch_after_the_closing_date_is_refused(tmp_path: Path) -> None:
    path = build_workbook(tmp_path)
    with pytest.raises(ActionRefused, match="closing date 11/11/2026 12:00 has passed"):
        launch(FileWorkbook(path), "Sam Patel", datetime(2026, 11, 12))


@pytest.mark.parametrize(
    ("sheet", "cell", "value", "item"),
    [
        ("Criteria", "D4", 25, "Criterion 1 Weight % changed from 20 to 25"),
        ("Criteria", "C5", "Approach to co-design", "Criterion 2 Criterion changed"),
        ("Criteria", "E6", 4, "Criterion 3 Max score changed from 5 to 4"),
        ("Criteria", "F4", 3, "Criterion 1 Minimum score changed from 2 to 3"),
        (
            "Competition",
            "B15",
            "Linear",
            "Price scoring method changed from Lowest price to Linear",
        ),
        ("Competition", "B7", 2, "Lot changed from 1 to 2"),
        ("Competition", "B12", datetime(2026, 11, 10, 12), "Closing date changed"),
        (
            "Competition",
            "B24",
            "Lower price; then the panel's recorded decision",
            "Tie-break rule changed from Higher Quality + Social Value points; then the panel's "
            "recorded decision to Lower price; then the panel's recorded decision",
        ),
        (
            "Competition",
            "B22",
            datetime(2026, 10, 25),
            "Members list dated changed from 2026-10-20 to 2026-10-25",
        ),
    ],
)
def test_any_change_to_a_locked_value_is_named_with_its_cell(
    tmp_path: Path, sheet: str, cell: str, value: object, item: str
) -> None:
    path = launched_workbook(tmp_path)
    book = load_workbook(path)
    book[sheet][cell] = value
    book.save(path)
    problems = [p for p in validate_workbook(path, TODAY).problems]
    changed = [p for p in problems if p.code == "CRITERIA_CHANGED_AFTER_LAUNCH"]
    assert [p.cells for p in changed] == [(f"{sheet}!{cell}",)]
    assert item in changed[0].message


def test_rows_added_deleted_or_reordered_are_detected(tmp_path: Path) -> None:
    path = launched_workbook(tmp_path)
    book = load_workbook(path)
    sheet = book["Criteria"]
    # Swap Q1 and Q2: every value of both rows is now different.
    for col in "ABCDEFG":
        sheet[f"{col}4"].value, sheet[f"{col}5"].value = (
            sheet[f"{col}5"].value,
            sheet[f"{col}4"].value,
        )
    book.save(path)
    changed = [
        p
        for p in validate_workbook(path, TODAY).problems
        if p.code == "CRITERIA_CHANGED_AFTER_LAUNCH"
    ]
    assert "Criteria!A4" in [c for p in changed for c in p.cells]
    assert any("Criterion 1 ID changed from Q1 to Q2" in p.message for p in changed)


def test_a_deleted_criterion_row_names_the_launched_value(tmp_path: Path) -> None:
    path = launched_workbook(tmp_path)
    book = load_workbook(path)
    sheet = book["Criteria"]
    for col in "ABCDEFG":
        sheet[f"{col}8"].value = None  # delete the Price row's content
    sheet.tables["tblCriteria"].ref = "A3:G7"
    book.save(path)
    messages = [p.message for p in validate_workbook(path, TODAY).problems]
    assert any("Criteria count changed from 5 to 4" in m for m in messages)
    assert any("Criterion 5 ID deleted (was P1)" in m for m in messages)


def test_resaving_unchanged_is_not_a_change(tmp_path: Path) -> None:
    path = launched_workbook(tmp_path)
    load_workbook(path).save(path)
    assert codes_and_cells(path) == []


def test_an_edited_audit_row_breaks_the_chain(tmp_path: Path) -> None:
    path = launched_workbook(tmp_path)
    book = load_workbook(path)
    book["Audit"]["B4"] = "Someone else"
    book.save(path)
    assert ("AUDIT_TRAIL_BROKEN", ("Audit!F4",)) in codes_and_cells(path)


def test_a_deleted_last_audit_row_is_detected(tmp_path: Path) -> None:
    path = launched_workbook(tmp_path)
    extend(
        FileWorkbook(path),
        datetime(2026, 11, 18, 12),
        "Clarification issued",
        None,
        datetime(2026, 11, 2),
    )
    book = load_workbook(path)
    for col in "ABCDEF":
        book["Audit"][f"{col}5"] = None
    book["Audit"].tables["tblAudit"].ref = "A3:F4"
    book.save(path)
    found = [p.code for p in validate_workbook(path, TODAY).problems]
    assert "AUDIT_TRAIL_BROKEN" in found


def test_setting_status_back_to_draft_is_detected(tmp_path: Path) -> None:
    path = launched_workbook(tmp_path)
    book = load_workbook(path)
    book["Competition"]["B19"] = "Draft"
    book.save(path)
    assert ("STATUS_CHANGED_AFTER_LAUNCH", ("Competition!B19",)) in codes_and_cells(path)


def test_extend_moves_the_deadline_later_and_reissues_the_fingerprint(tmp_path: Path) -> None:
    path = launched_workbook(tmp_path)
    first = load_workbook(path)["Audit"]["E4"].value
    result = extend(
        FileWorkbook(path),
        datetime(2026, 11, 18, 12),
        "Clarification Q&A",
        "Sam Patel",
        datetime(2026, 11, 2),
    )
    book = load_workbook(path)
    assert book["Competition"]["B12"].value == datetime(2026, 11, 18, 12)
    row = [c.value for c in book["Audit"][5]]
    assert row[1:4] == [
        "Sam Patel",
        "Deadline extended",
        "Closing date moved from 11/11/2026 12:00 to 18/11/2026 12:00. Reason: Clarification Q&A",
    ]
    assert row[4] == result.fingerprint != first
    assert codes_and_cells(path) == []


@pytest.mark.parametrize(
    ("closing", "now", "says"),
    [
        (datetime(2026, 11, 10, 12), datetime(2026, 11, 2), "never earlier"),
        (
            datetime(2026, 11, 20, 12),
            datetime(2026, 11, 12),
            "cannot extend a competition that is Closed",
        ),
    ],
)
def test_extend_refusals(tmp_path: Path, closing: datetime, now: datetime, says: str) -> None:
    path = launched_workbook(tmp_path)
    with pytest.raises(ActionRefused, match=says):
        extend(FileWorkbook(path), closing, "reason", None, now)


def test_extend_refuses_a_tampered_workbook(tmp_path: Path) -> None:
    path = launched_workbook(tmp_path)
    book = load_workbook(path)
    book["Criteria"]["D4"] = 30
    book.save(path)
    with pytest.raises(CriteriaChangedAfterLaunch) as caught:
        extend(FileWorkbook(path), datetime(2026, 11, 18, 12), "r", None, datetime(2026, 11, 2))
    assert any("Criteria!D4" in p.cells for p in caught.value.problems)


def test_extend_on_a_draft_is_refused(tmp_path: Path) -> None:
    path = build_workbook(tmp_path)
    with pytest.raises(ActionRefused, match="cannot extend a competition that is Draft"):
        extend(FileWorkbook(path), datetime(2026, 11, 18, 12), "r", None, datetime(2026, 11, 2))

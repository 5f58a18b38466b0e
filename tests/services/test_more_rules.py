"""The rules the README lists that had no test: each through a workbook built by code, with the
exact code and the exact cell named."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.errors import ProblemsFound
from addin.presentation import where
from addin.services.evaluation import score
from addin.services.validate import validate_workbook
from addin.workbook.file_workbook import FileWorkbook
from tests.builders import (
    PANEL_DAY,
    TODAY,
    build_workbook,
    edit,
    invitations,
    launched_workbook,
    marked_workbook,
)


def found(path: Path) -> set[tuple[str, tuple[str, ...]]]:
    report = validate_workbook(path, TODAY)
    assert report.unreadable is None, report.unreadable
    return {(p.code, p.cells) for p in report.problems}


def test_a_field_given_twice_is_repeated_at_the_second_row(tmp_path: Path) -> None:
    path = build_workbook(tmp_path)
    book = load_workbook(path)
    book["Competition"]["A5"] = "Reference"  # the Title row now repeats Reference
    book.save(path)
    assert ("FIELD_REPEATED", ("Competition!A5",)) in found(path)


def test_no_members_at_all(tmp_path: Path) -> None:
    assert ("MEMBERS_EMPTY", ("Members!A4",)) in found(build_workbook(tmp_path, members=[]))


def test_no_criteria_at_all(tmp_path: Path) -> None:
    assert ("CRITERIA_EMPTY", ("Criteria!A4",)) in found(build_workbook(tmp_path, criteria=[]))


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"Score scale maximum": 0}, ("SCORE_SCALE_INVALID", ("Competition!B16",))),
        ({"Closing date": datetime(2026, 11, 11)}, ("CLOSING_TIME_MIDNIGHT", ("Competition!B12",))),
        (
            {"Contract start": datetime(2026, 11, 10)},
            ("CONTRACT_STARTS_BEFORE_CLOSING", ("Competition!B13", "Competition!B12")),
        ),
    ],
)
def test_competition_detail_rules(
    tmp_path: Path, fields: dict[str, object], expected: tuple[str, tuple[str, ...]]
) -> None:
    assert expected in found(build_workbook(tmp_path, fields=fields))


def test_a_bid_whose_name_differs_from_the_membership_list(tmp_path: Path) -> None:
    bids = edit(invitations(), 0, {"Supplier name": "Mutual Futures"})
    assert ("BID_NAME_MISMATCH", ("Bids!B4",)) in found(build_workbook(tmp_path, bids=bids))


def test_an_edited_lock_record_is_altered(tmp_path: Path) -> None:
    path = launched_workbook(tmp_path)
    book = load_workbook(path)
    sheet = next(s for s in book.worksheets if "tblLock" in s.tables)
    assert sheet.sheet_state == "hidden"
    assert sheet["A10"].value == "Score scale maximum"
    sheet["B10"] = "10"  # the criteria still say 5: the record no longer matches its fingerprint
    book.save(path)
    assert ("LOCK_RECORD_ALTERED", (f"{sheet.title}!B4",)) in found(path)


def test_a_launched_competition_without_its_lock_sheet(tmp_path: Path) -> None:
    path = launched_workbook(tmp_path)
    book = load_workbook(path)
    book.remove(next(s for s in book.worksheets if "tblLock" in s.tables))
    book.save(path)
    assert ("LOCK_MISSING", ("Competition!B19",)) in found(path)


def score_problems(path: Path) -> set[tuple[str, str]]:
    with pytest.raises(ProblemsFound) as caught:
        score(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    return {(p.code, where(p)) for p in caught.value.problems if p.is_error}


def test_evaluator_tab_rules_name_the_tab_and_cell(tmp_path: Path) -> None:
    path = marked_workbook(tmp_path)
    book = load_workbook(path)
    tab = book["Eval A. Khan"]
    tab["E9"] = None  # a score left blank
    tab["F10"] = None  # a score without its reason
    tab["A12"], tab["C12"] = tab["A11"].value, tab["C11"].value  # the same mark twice
    book.save(path)
    problems = score_problems(path)
    assert ("SCORE_MISSING", "'Eval A. Khan'!E9") in problems
    assert ("RATIONALE_MISSING", "'Eval A. Khan'!F10") in problems
    assert ("MARK_DUPLICATE", "'Eval A. Khan'!E11:E12") in problems

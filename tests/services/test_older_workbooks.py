"""A workbook made before the Declarations, Clarifications and Pre-award sheets and the new
columns existed is refused with one clear line saying what to add, and how."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from addin.services.validate import validate_workbook
from tests.builders import TODAY, build_workbook


def test_missing_new_sheets_are_named_with_how_to_add_them(tmp_path: Path) -> None:
    path = build_workbook(tmp_path)
    book = load_workbook(path)
    for sheet in ("Declarations", "Clarifications", "Pre-award"):
        del book[sheet]
    book.save(path)
    unreadable = validate_workbook(path, TODAY).unreadable
    assert unreadable is not None
    assert unreadable.reason == (
        "the workbook has no table tblDeclarations (sheet Declarations), tblClarifications "
        "(sheet Clarifications), tblPreAward (sheet Pre-award): it was made by an earlier "
        "version of the add-in"
    )
    assert "Move or Copy" in unreadable.hint and "dps new" in unreadable.hint


def test_a_missing_new_column_says_where_to_type_it(tmp_path: Path) -> None:
    path = build_workbook(tmp_path)
    book = load_workbook(path)
    sheet = book["Members"]
    table = sheet.tables["tblMembers"]
    table.ref = table.ref.replace("M", "L")  # the table as it was, without Notes
    table.tableColumns = table.tableColumns[:-1]
    table.autoFilter.ref = table.ref
    for row in sheet.iter_rows(min_col=13, max_col=13):
        row[0].value = None
    book.save(path)
    unreadable = validate_workbook(path, TODAY).unreadable
    assert unreadable is not None
    assert 'has no column "Notes" (made by an earlier version?)' in unreadable.reason
    assert unreadable.hint.startswith("Type each missing header in the first empty column")

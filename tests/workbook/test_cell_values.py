"""Text the add-in writes is stored as text, and values no cell can hold are refused by name."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from addin.errors import CellValueRefused, DpsError
from addin.workbook.cell_values import MAX_CELL_TEXT, put
from addin.workbook.tables import add_table, write_rows

FORMULA_LIKE = ['=HYPERLINK("http://x","y")', "=1+1", "#N/A", "+44 161", "-5", "@SUM(A1)", "="]


def test_text_that_looks_like_a_formula_is_saved_and_read_back_as_text(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row, text in enumerate(FORMULA_LIKE, start=1):
        put(sheet.cell(row, 1), text)
    put(sheet.cell(1, 2), 42)
    book.save(tmp_path / "t.xlsx")

    xml = zipfile.ZipFile(tmp_path / "t.xlsx").read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and 't="inlineStr"' in xml
    for data_only in (False, True):
        back = load_workbook(tmp_path / "t.xlsx", data_only=data_only).active
        assert back is not None
        for row, text in enumerate(FORMULA_LIKE, start=1):
            assert back.cell(row, 1).value == text
            assert back.cell(row, 1).data_type == "s"
        assert back.cell(1, 2).value == 42


def test_a_control_character_is_refused_naming_the_table_column_and_character() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Audit"
    table = add_table(sheet, "tblAudit", ("When", "Who"), 3)
    with pytest.raises(CellValueRefused) as refused:
        write_rows(sheet, table, [{"When": "2026-11-11", "Who": "Sam\x07"}])
    assert isinstance(refused.value, DpsError) and refused.value.exit_code == 1
    assert str(refused.value) == (
        'the Audit "Who" (Audit!B4) value "Sam\\x07" contains a control character (U+0007) '
        "that an Excel cell cannot hold; remove it"
    )


def test_tab_newline_and_carriage_return_are_kept() -> None:
    sheet = Workbook().active
    assert sheet is not None
    assert put(sheet["A1"], "a\tb\nc\r\nd").value == "a\tb\nc\r\nd"


def test_text_longer_than_a_cell_holds_is_refused_not_cut() -> None:
    sheet = Workbook().active
    assert sheet is not None
    put(sheet["A1"], "x" * MAX_CELL_TEXT)
    with pytest.raises(CellValueRefused, match="32,768 characters long; an Excel cell holds at"):
        put(sheet["A2"], "x" * (MAX_CELL_TEXT + 1), 'the Bids "Notes"')
    assert sheet["A2"].value is None

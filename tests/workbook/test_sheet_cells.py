"""addin.workbook.sheet_cells gives the cells openpyxl's own `cell` and `iter_rows` give, and
makes the same new cells (an openpyxl save writes every cell made, so this is what is saved)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from addin.workbook.sheet_cells import cell_at, column_cells, rows_of_cells


def _sheet() -> Worksheet:
    sheet = Workbook().create_sheet("Results")
    sheet["B2"], sheet["D5"], sheet["A7"] = "text", 2.5, None
    return sheet


def _made(sheet: Worksheet) -> list[tuple[int, int, object]]:
    return sorted((r, c, cell.value) for (r, c), cell in sheet._cells.items())


def test_cells_by_position_are_the_sheets_own_and_new_ones_are_kept() -> None:
    ours, theirs = _sheet(), _sheet()
    for row, column in ((2, 2), (9, 3), (5, 4)):
        mine, openpyxl_s = cell_at(ours, row, column), theirs.cell(row, column)
        assert (mine.row, mine.column, mine.value) == (row, column, openpyxl_s.value)
        assert cell_at(ours, row, column) is mine
    assert _made(ours) == _made(theirs)
    assert (ours.max_row, ours.max_column) == (theirs.max_row, theirs.max_column) == (9, 4)
    assert [c.coordinate for c in column_cells(ours, 2, 1, 3)] == ["B1", "B2", "B3"]


def test_rows_of_cells_are_iter_rows() -> None:
    for bounds in ({}, {"min_row": 4}, {"min_row": 3, "max_col": 6}, {"max_col": 2}):
        ours, theirs = _sheet(), _sheet()
        mine = [[c.coordinate for c in row] for row in rows_of_cells(ours, **bounds)]
        openpyxl_s = [[c.coordinate for c in row] for row in theirs.iter_rows(**bounds)]
        assert mine == openpyxl_s, bounds
        assert _made(ours) == _made(theirs), bounds


def test_an_empty_sheet_has_no_rows() -> None:
    sheet = Workbook().create_sheet("Empty")
    assert list(rows_of_cells(sheet)) == list(sheet.iter_rows()) == []
    assert sheet._cells == {}

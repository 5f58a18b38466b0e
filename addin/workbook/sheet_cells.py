"""Cells by position, as `Worksheet.cell` and `iter_rows` give them, at a fraction of the cost.

`sheet.cell(row, column)` checks its arguments and looks the cell up twice, and writing the
Results of 300 bids asked for some 300,000 cells. Rows and columns here come from tables' refs
and the sheet's own extent, always in range, so a cell that exists is taken from the sheet's own
dictionary, and a new one added as openpyxl's own reader adds cells (`_add_cell`, which keeps
the sheet's extent).
"""

from __future__ import annotations

from collections.abc import Iterator

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet


def cell_at(sheet: Worksheet, row: int, column: int) -> Cell:
    """`sheet.cell(row, column)`: the cell, made if it does not exist yet."""
    found: Cell | None = sheet._cells.get((row, column))
    if found is None:
        found = Cell(sheet, row=row, column=column)
        sheet._add_cell(found)
    return found


def column_cells(sheet: Worksheet, column: int, first: int, last: int) -> list[Cell]:
    """The cells of `column` on rows first..last, made where they do not exist yet."""
    return [cell_at(sheet, row, column) for row in range(first, last + 1)]


def rows_of_cells(
    sheet: Worksheet, min_row: int = 1, max_col: int | None = None
) -> Iterator[tuple[Cell, ...]]:
    """`sheet.iter_rows(min_row=min_row, max_col=max_col)`: every row from `min_row` to the
    sheet's last, columns 1 to `max_col` (by default the sheet's last), cells made as needed.
    Its extent is taken now, as iter_rows does."""
    if sheet._current_row == 0 and min_row == 1 and max_col is None:
        return iter(())  # an empty sheet, as iter_rows() with no bounds
    columns = range(1, (max_col or sheet.max_column) + 1)
    rows = range(min_row, sheet.max_row + 1)
    return (tuple(cell_at(sheet, row, column) for column in columns) for row in rows)

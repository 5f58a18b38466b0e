"""The Results sheet: the ranking and a per-criterion breakdown, unrounded but shown to 2 dp."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from addin.domain.schema import BREAKDOWN, FIRST_DATA_ROW, HEADER_ROW, RESULTS
from addin.workbook import print_setup, sheet_text, styles
from addin.workbook.cell_values import put
from addin.workbook.restyle import restyle, wrap
from addin.workbook.sheet_cells import column_cells, rows_of_cells
from addin.workbook.tables import add_table, fresh_sheet, write_rows

TWO_DP = "0.00"


def ranking_end(results: Sequence[object]) -> int:
    """The ranking's last row (a table keeps one row, even if blank)."""
    return HEADER_ROW + max(1, len(results))


def breakdown_top(results: Sequence[object]) -> int:
    """The breakdown's header row: below the ranking, a blank row and its heading; both
    adapters put it here."""
    return ranking_end(results) + 3


def write_results(
    book: Workbook,
    results: Sequence[Mapping[str, object]],
    breakdown: Sequence[Mapping[str, object]],
) -> None:
    sheet = fresh_sheet(book, RESULTS.name, RESULTS.sheet, *sheet_text.RESULTS)
    table = add_table(sheet, RESULTS.name, RESULTS.columns, HEADER_ROW)
    write_rows(sheet, table, results)
    last = ranking_end(results)
    for column in range(4, 9):  # Quality to Total; Price (F) as money
        number_format = styles.MONEY if column == 6 else TWO_DP
        _format(sheet, column, FIRST_DATA_ROW, last, number_format)
    top = breakdown_top(results)
    put(sheet.cell(top - 1, 1), sheet_text.BREAKDOWN_HEADING).font = styles.TITLE_FONT
    write_rows(sheet, add_table(sheet, BREAKDOWN.name, BREAKDOWN.columns, top), breakdown)
    end = top + len(breakdown)
    for column in (5, 7):  # Score and Points; Max score stays a whole number
        _format(sheet, column, top + 1, end, TWO_DP)
    # The evaluators' reasons, one per line.
    restyle(column_cells(sheet, 9, top + 1, end), wrap)
    for col, width in zip("ABCDEFGHIJ", (12, 12, 34, 12, 12, 14, 12, 12, 50, 50), strict=True):
        sheet.column_dimensions[col].width = width
    # Nobody types here, so heights can be stored: a printout from LibreOffice, which does not
    # size rows itself, no longer overlaps the evaluators' reasons.
    print_setup.fit_row_heights(sheet)
    # Every value level with the first line of its row's reasons, not at the foot of a tall row.
    cells = (c for row in rows_of_cells(sheet, min_row=FIRST_DATA_ROW, max_col=10) for c in row)
    restyle(cells, _top)


def _top(cell: Cell) -> None:
    cell.alignment = styles.WRAP if cell.alignment.wrap_text else styles.TOP


def _format(sheet: Worksheet, column: int, first: int, last: int, number_format: str) -> None:
    def change(cell: Cell) -> None:
        cell.number_format = number_format

    restyle(column_cells(sheet, column, first, last), change)

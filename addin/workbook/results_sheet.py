"""The Results sheet: the ranking and a per-criterion breakdown, unrounded but shown to 2 dp."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from openpyxl.workbook.workbook import Workbook

from addin.domain.tabulate import BREAKDOWN_COLUMNS, RESULT_COLUMNS
from addin.workbook import sheet_text, styles
from addin.workbook.cell_values import put
from addin.workbook.tables import add_table, fresh_sheet, write_rows

SHEET = "Results"
RESULTS_TABLE = "tblResults"
BREAKDOWN_TABLE = "tblBreakdown"
TWO_DP = "0.00"


def write_results(
    book: Workbook,
    results: Sequence[Mapping[str, object]],
    breakdown: Sequence[Mapping[str, object]],
) -> None:
    sheet = fresh_sheet(book, RESULTS_TABLE, SHEET, *sheet_text.RESULTS)
    table = add_table(sheet, RESULTS_TABLE, RESULT_COLUMNS, 3)
    write_rows(sheet, table, results)
    last = 3 + max(1, len(results))
    for row in sheet.iter_rows(min_row=4, max_row=last, min_col=4, max_col=8):
        for cell in row:
            cell.number_format = styles.MONEY if cell.column == 6 else TWO_DP
    top = last + 3
    put(sheet.cell(top - 1, 1), "Breakdown by criterion").font = styles.TITLE_FONT
    write_rows(sheet, add_table(sheet, BREAKDOWN_TABLE, BREAKDOWN_COLUMNS, top), breakdown)
    for r in range(top + 1, top + len(breakdown) + 1):
        for column in ("E", "G"):  # Score and Points; Max score stays a whole number
            sheet[f"{column}{r}"].number_format = TWO_DP
        sheet[f"I{r}"].alignment = styles.WRAP  # evaluators' reasons, one per line
    for col, width in zip("ABCDEFGHIJ", (12, 12, 34, 12, 12, 14, 12, 12, 50, 50), strict=True):
        sheet.column_dimensions[col].width = width

"""Writing Excel Tables: create them, replace or append their rows, set a Field | Value field.

Columns are matched by header text, never by position, and the table's ref is resized so Excel
never sees rows outside their table (which triggers its "found a problem" repair prompt).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path

from openpyxl.cell.cell import Cell
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from addin.domain import schema
from addin.domain.cells import as_text
from addin.errors import WorkbookStructureError
from addin.workbook.cell_values import put
from addin.workbook.reader import find_tables
from addin.workbook.restyle import restyle
from addin.workbook.sheet_cells import cell_at, column_cells
from addin.workbook.styles import (
    COLUMN_FORMATS,
    FIELD_FORMATS,
    TABLE_STYLE,
    WRAP,
    WRAPPED_COLUMNS,
)

Row = Mapping[str, object]


def add_table(
    sheet: Worksheet, name: str, columns: Sequence[str], top: int, left: int = 1
) -> Table:
    """A new table with one blank data row (Excel tables need at least one)."""
    for i, header in enumerate(columns):
        put(sheet.cell(top, left + i), header, f'the {name} header "{header}"')
    ref = f"{get_column_letter(left)}{top}:{get_column_letter(left + len(columns) - 1)}{top + 1}"
    # The columns and filter openpyxl would give a table without them as it saves (ids by sheet
    # column, names from the header cells), given here: openpyxl takes the names from a grid of
    # the table's every cell, 57,000 of them for the breakdown of 300 bids.
    table = Table(
        displayName=name,
        ref=ref,
        autoFilter=AutoFilter(ref=ref),
        tableColumns=[TableColumn(id=left + i, name=header) for i, header in enumerate(columns)],
    )
    table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True)
    sheet.add_table(table)
    style_rows(sheet, name, {h: left + i for i, h in enumerate(columns)}, top + 1, top + 1)
    return table


def _headers(sheet: Worksheet, table: Table) -> dict[str, int]:
    first_col, header_row, last_col, _ = range_boundaries(table.ref)
    assert first_col and header_row and last_col
    return {
        as_text(sheet.cell(header_row, c).value): c
        for c in range(first_col, last_col + 1)
        if as_text(sheet.cell(header_row, c).value)
    }


def where(sheet: Worksheet, cell: Cell, column: str) -> str:
    """How a refused value's cell is named: 'the Audit "Who" (Audit!B9)'."""
    return f'the {sheet.title} "{column}" ({sheet.title}!{cell.coordinate})'


def _resize(table: Table, data_rows: int) -> None:
    first_col, header_row, last_col, _ = range_boundaries(table.ref)
    assert first_col and header_row and last_col
    last_row = header_row + max(1, data_rows)
    table.ref = (
        f"{get_column_letter(first_col)}{header_row}:{get_column_letter(last_col)}{last_row}"
    )
    if table.autoFilter is not None:
        table.autoFilter.ref = table.ref


def data_row_count(table: Table) -> int:
    _, header_row, _, last_row = range_boundaries(table.ref)
    assert header_row and last_row
    return int(last_row - header_row)


def write_rows(sheet: Worksheet, table: Table, rows: Sequence[Row], start: int = 0) -> None:
    """Writes `rows` from data row `start` on, clearing any rows below, and resizes the table."""
    headers = _headers(sheet, table)
    _, header_row, _, last_row = range_boundaries(table.ref)
    assert header_row and last_row
    for r, row in enumerate(rows, start=header_row + 1 + start):
        for header, value in row.items():
            c = headers.get(header)
            if c is not None:
                cell = cell_at(sheet, r, c)
                put(cell, value, partial(where, sheet, cell, header))
    end = header_row + start + len(rows)
    style_rows(sheet, table.displayName, headers, header_row + 1 + start, end)
    for r in range(end + 1, last_row + 1):
        for c in headers.values():
            cell_at(sheet, r, c).value = None
    _resize(table, start + len(rows))
    extend_drop_downs(sheet, header_row + 1, end)


def style_rows(
    sheet: Worksheet, table: str, headers: Mapping[str, int], first: int, last: int
) -> None:
    """Every column's number format and wrapping on rows first..last, written or left blank.

    A row added by the add-in (an invitation, a letter) looks like the table's first row, so a
    price typed into it later shows as money and a date as a date.
    """
    formats = COLUMN_FORMATS.get(table, {})
    for header, c in headers.items():
        number_format, wrap = formats.get(header), header in WRAPPED_COLUMNS
        if number_format is None and not wrap:
            continue

        def change(
            cell: Cell, number_format: str | None = number_format, wrap: bool = wrap
        ) -> None:
            if number_format is not None:
                cell.number_format = number_format
            if wrap:
                cell.alignment = WRAP

        restyle(column_cells(sheet, c, first, last), change)


def extend_drop_downs(sheet: Worksheet, first: int, last: int) -> None:
    """A drop-down laid over a column from its first data row reaches the table's last row.

    Only ranges of more than one row are a column's drop-down; a single cell's list (a score
    on one evaluator row, one Competition field) is that cell's alone.
    """
    for rule in sheet.data_validations.dataValidation:
        for cells in rule.sqref.ranges:
            if cells.min_row == first and first < cells.max_row < last:
                cells.expand(down=last - cells.max_row)


def append_rows(sheet: Worksheet, table: Table, rows: Sequence[Row]) -> None:
    existing = data_row_count(table)
    headers = _headers(sheet, table)
    _, header_row, _, _ = range_boundaries(table.ref)
    assert header_row
    # A new table's single blank row is a placeholder, not data: fill it first.
    first_blank = existing == 1 and all(
        sheet.cell(header_row + 1, c).value in (None, "") for c in headers.values()
    )
    write_rows(sheet, table, rows, start=0 if first_blank else existing)


def table_in(book: Workbook, name: str) -> tuple[Worksheet, Table]:
    found = find_tables(book).get(name.casefold())
    if found is None:
        raise WorkbookStructureError(Path("workbook"), f"there is no table named {name}")
    return found


def set_field(
    book: Workbook, field: str, value: object, table_name: str = schema.COMPETITION.name
) -> str:
    """Sets a Field | Value table's value; returns the cell written, e.g. "Competition!B11"."""
    sheet, table = table_in(book, table_name)
    headers = _headers(sheet, table)
    _, header_row, _, last_row = range_boundaries(table.ref)
    assert header_row and last_row
    for r in range(header_row + 1, last_row + 1):
        if as_text(sheet.cell(r, headers["Field"]).value).casefold() == field.casefold():
            cell = sheet.cell(r, headers["Value"])
            put(cell, value, where(sheet, cell, field))
            if field in FIELD_FORMATS:
                cell.number_format = FIELD_FORMATS[field]
            return f"{sheet.title}!{cell.coordinate}"
    raise WorkbookStructureError(
        Path("workbook"),
        f'table {table_name} has no "{field}" row',
        "Restore the row from the template.",
    )


def fresh_sheet(book: Workbook, table_name: str, title: str, heading: str, hint: str) -> Worksheet:
    """A generated sheet rebuilt from scratch, in the place of the one holding `table_name`.

    New sheets go just before the last sheet (Audit stays last).
    """
    from addin.workbook.styles import HINT_FONT, TITLE_FONT

    found = find_tables(book).get(table_name.casefold())
    index = book.sheetnames.index(found[0].title) if found else len(book.sheetnames) - 1
    if found:
        book.remove(found[0])
    sheet = book.create_sheet(title, index)
    put(sheet["A1"], heading)
    put(sheet["A2"], hint)
    sheet["A1"].font, sheet["A2"].font = TITLE_FONT, HINT_FONT
    return sheet

"""How every sheet looks on screen and on paper: readable columns, A4, one page wide.

Officers print the workbook and file it with the competition. Each time the add-in saves a
workbook (and when the template is built) the columns of every table it wrote are widened to
their header and values, long text wrapped, and each sheet's title and hint kept whole (sheets
a command does not write are put back as they were: addin.workbook.stand_ins). Each sheet nobody
has set up for printing yet (it has no paper size) also gets: A4 in the orientation its width
needs, fitted to one page wide and as many tall as it takes, its largest table's header
repeated on every page, and the file, sheet and page number in the margins. That is every
sheet of the template, and every sheet the add-in adds (evaluator tabs, Moderation, Results,
Letters, Award, Publication, the hidden Lock and Seal). Print settings an officer has chosen
are left alone, and columns are never narrowed.

The xlwings adapter cannot do this (its remote engine measures widths in other units and has
no page setup): a sheet added from the ribbon is laid out by the next `dps` command that saves.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from datetime import date, datetime
from decimal import Decimal

from openpyxl.cell.cell import Cell
from openpyxl.utils.cell import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table
from openpyxl.worksheet.worksheet import Worksheet

from addin.workbook import styles
from addin.workbook.restyle import restyle, wrap
from addin.workbook.sheet_cells import cell_at, column_cells, rows_of_cells

# Column-width units (the width of a Calibri 11 digit) across A4 portrait between these
# margins at 100 %; a wider sheet prints landscape. Either way it is fitted to one page wide.
PORTRAIT_WIDTH = 100
EXCEL_DEFAULT_WIDTH = 8.43
WIDEST = 60  # a column of short values grows to this; longer text wraps instead
WRAPPED_WIDTH = 40  # where long text wraps, unless a builder chose a width
FILTER_BUTTON = 4  # room for a table header's filter arrow, and a margin
# Width units per character: a 14 pt bold title is about half as wide again as 11 pt text.
# Generous, for a title that must not be cut; a line of wrapped text holds more (Calibri's
# letters are narrower than its digits, the unit of width).
TITLE_PER_CHAR, TEXT_PER_CHAR = 1.5, 1.05
CHARS_PER_UNIT = 1.15
HEADER_FOOTER_FONT = f"{styles.FONT_NAME},Regular"


def lay_out(book: Workbook, skip: Collection[str] = ()) -> None:
    """Columns and titles on every sheet but `skip`; page setup where there is none. See the
    docstring."""
    for sheet in book.worksheets:
        if sheet.title in skip:
            continue
        for table in sheet.tables.values():
            fit_columns(sheet, table)
        keep_titles_whole(sheet)
        if sheet.page_setup.paperSize is None:
            set_up_page(sheet)


def fit_columns(sheet: Worksheet, table: Table) -> None:
    """Widens each column to its header and longest value; wraps free text and long values.

    Columns only ever grow, so a width a builder or an officer chose is the least it gets.
    """
    left, top, right, bottom = range_boundaries(table.ref)
    assert left and top and right and bottom
    for c in range(left, right + 1):
        header = str(cell_at(sheet, top, c).value or "")
        if header in styles.CLIPPED_COLUMNS:
            continue
        cells = column_cells(sheet, c, top + 1, bottom)
        longest = max(map(shown_length, cells), default=0)
        width = column_width(sheet, c)
        if header in styles.WRAPPED_COLUMNS or longest > WIDEST:
            restyle(cells, wrap)
            # Wide enough for a few words a line (up to WRAPPED_WIDTH); an empty column keeps
            # a width a builder chose, or gets WRAPPED_WIDTH ready for its text.
            if longest or width == EXCEL_DEFAULT_WIDTH:
                longest = min(longest or WRAPPED_WIDTH, WRAPPED_WIDTH)
        need = max(len(header) + FILTER_BUTTON, longest + 2)
        if need > width:
            sheet.column_dimensions[get_column_letter(c)].width = need


def shown_length(cell: Cell) -> int:
    """About how many characters the cell shows in its number format."""
    value = cell.value
    if type(value) is str:  # most cells, and the cheapest to measure
        return max(map(len, value.splitlines()), default=0)
    if value is None:
        return 0
    if isinstance(value, datetime | date):
        return len(cell.number_format) if cell.number_format != "General" else 19
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        if "£" in cell.number_format:
            return len(f"£{value:,.2f}")
        return min(len(str(value)), 11)  # General shows at most 11 characters of a number
    return max(len(line) for line in str(value).splitlines() or [""])


def column_width(sheet: Worksheet, column: int) -> float:
    """The column's width.

    A workbook read from a file keeps runs of equal widths under their first letter (min..max);
    a width set since has no min or max until saved, only its letter.
    """
    for letter, dimension in sheet.column_dimensions.items():
        low = dimension.min or column_index_from_string(letter)
        high = dimension.max or low
        if low <= column <= high and dimension.customWidth:
            return float(dimension.width)
    return EXCEL_DEFAULT_WIDTH


def used_width(sheet: Worksheet) -> float:
    return sum(column_width(sheet, c) for c in range(1, sheet.max_column + 1))


def keep_titles_whole(sheet: Worksheet) -> None:
    """The title (A1) and hint (A2) run across empty cells; the last column grows to hold them."""
    wanted = 0.0
    for cell in (sheet["A1"], sheet["A2"]):
        if isinstance(cell.value, str):
            per_char = TITLE_PER_CHAR if (cell.font.size or 11) > 12 else TEXT_PER_CHAR
            wanted = max(wanted, len(cell.value) * per_char)
    short = wanted - used_width(sheet)
    if short > 0:
        last = sheet.max_column
        sheet.column_dimensions[get_column_letter(last)].width = column_width(sheet, last) + short


def fit_row_heights(sheet: Worksheet, line_height: float = 15.0) -> None:
    """Rows tall enough for their wrapped text, for a sheet of text nobody edits (the Guide, the
    Results the add-in writes).

    Excel sizes a row with wrapped text itself, but only while no height is stored: a stored
    height would stop a row an officer types into from growing. So this is for text nobody
    edits, and for viewers that do not size rows (LibreOffice keeps them one line high).
    """
    alignments = sheet.parent._alignments  # looked up by id: a cell's `alignment` is a copy
    wraps: dict[int, bool] = {}  # alignment id -> wrapped
    per_line: dict[int, float] = {}  # column -> characters a line
    for row in rows_of_cells(sheet):
        lines = 1
        for cell in row:
            value = cell.value
            if not isinstance(value, str):
                continue
            aligned = 0 if cell._style is None else cell._style.alignmentId
            if aligned not in wraps:
                wraps[aligned] = bool(alignments[aligned].wrap_text)
            if not wraps[aligned]:
                continue
            if cell.column not in per_line:
                width = column_width(sheet, cell.column)
                per_line[cell.column] = max(1.0, width * CHARS_PER_UNIT - 2)
            # Each line break starts a line; each line wraps on its own.
            wide = per_line[cell.column]
            wrapped = sum(max(1, math.ceil(len(part) / wide)) for part in value.split("\n"))
            lines = max(lines, wrapped)
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = lines * line_height


def set_up_page(sheet: Worksheet) -> None:
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if used_width(sheet) > PORTRAIT_WIDTH else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages tall as the rows need
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins = PageMargins(
        left=0.5, right=0.5, top=0.75, bottom=0.75, header=0.3, footer=0.3
    )
    header_row = _longest_table_header(sheet)
    if header_row:
        sheet.print_title_rows = f"{header_row}:{header_row}"
    for part, text in (
        (sheet.oddHeader.left, "&F"),
        (sheet.oddHeader.right, "&A"),
        (sheet.oddFooter.center, "Page &P of &N"),
    ):
        part.text, part.font, part.size = text, HEADER_FOOTER_FONT, 9


def _longest_table_header(sheet: Worksheet) -> int | None:
    """The header row of the sheet's table with the most rows: the one that runs over pages."""
    best: tuple[int, int] | None = None
    for table in sheet.tables.values():
        _, top, _, bottom = range_boundaries(table.ref)
        assert top and bottom
        if best is None or bottom - top > best[0]:
            best = (bottom - top, top)
    return best[1] if best else None

"""The workbook open in Excel, through xlwings: the ribbon's side of CompetitionWorkbook.

It writes the same sheets, tables and values, in the same places, as FileWorkbook
(addin/workbook/file_workbook.py), so the CLI and the ribbon can take turns on one workbook.
Only the public xlwings API is used, so it runs on desktop Excel (RunPython) and on xlwings'
remote engine (Office.js, and the tests, which need no Excel).

Round trips: `read()` makes one bulk read per table, and each block of cells a button changes is
written with one range write. The remote engine queues writes until the action returns and
never shows them to later reads, so the adapter keeps its own map of every table (place,
headers, rows) from `read()` and updates it as it writes. Changes to a table that is already
there (rows appended or rewritten, a Competition field set) wait in that map until `flush()`
(called by `save()`, and by every ribbon action when it ends): a service that audits three
steps appends three Audit rows and rewrites the Lock record three times, and Excel is sent
one block of Audit rows and one Lock record. New sheets and tables are written as they are
made. Desktop Excel takes the same path. tests/excel/test_range_calls.py counts the reads and
writes of every button.

Left out, because the remote engine cannot do them: sheet protection (a guard against slips
only: the fingerprint and the audit chain prove the criteria did not change), column widths
(the engines measure them in different units), frozen panes and page setup (the next `dps`
command that saves the workbook lays out a sheet with no page setup: print_setup.py). Number
formats, wrapping and the titles' fonts are written as the file adapter writes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext, suppress
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import xlwings as xw
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.cell import range_boundaries

from addin.domain import schema
from addin.domain.cells import as_text
from addin.domain.evaluation_input import Task, declaration_rows, row_key
from addin.domain.schema import (
    BREAKDOWN,
    DECLARATION_COLUMNS,
    DECLARATION_TOP,
    EVAL_COLUMNS,
    FIRST_DATA_ROW,
    HEADER_ROW,
    LETTERS,
    MODERATION,
    RESULTS,
    SCORES_TOP,
    declaration_table,
    eval_table,
)
from addin.errors import WorkbookStructureError
from addin.excel.protection import writable
from addin.workbook import moderation_sheet, results_sheet, sheet_text, styles
from addin.workbook.cell_values import check_text
from addin.workbook.cellrefs import column_letter
from addin.workbook.evaluation_sheets import sheet_title
from addin.workbook.grid import TableGrid, assemble
from addin.workbook.tables_read import WorkbookTables

Row = Mapping[str, object]
V = TypeVar("V")
TEXT = "@"
# Stored as text so Excel keeps "40", "3" or "2026-11-11 12:00" exactly as written: the Lock
# record and the audit chain are hashed as text, and Excel would turn them into numbers/dates.
TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    schema.LOCK.name: ("Item", "Value"),
    schema.SEAL.name: ("Item", "Value"),
    schema.AUDIT.name: ("Who", "Action", "Details", "Fingerprint", "Chain"),
}


def hex_colour(fill: PatternFill) -> str:
    """'#FFC7CE' from one of addin.workbook.styles' fills, as xlwings takes colours."""
    return "#" + str(fill.start_color.rgb)[-6:]


def set_font(cells: xw.Range, font: Font) -> None:
    """One of addin.workbook.styles' fonts, face and size included, as the file has it."""
    cells.font.name = font.name
    cells.font.size = font.size
    cells.font.bold = bool(font.bold)
    cells.font.italic = bool(font.italic)
    if font.color is not None:
        cells.font.color = "#" + str(font.color.rgb)[-6:]


@dataclass
class LiveTable:
    """Where one Excel Table sits and what it holds, as read or since written by this adapter."""

    name: str
    sheet: str
    top: int  # header row
    left: int  # first column
    headers: list[str]
    rows: list[dict[str, object]] = field(default_factory=list)
    # What Excel's table holds until `LiveWorkbook.flush` sends the changes waiting below.
    excel_rows: int = 0  # its data rows (at least the one blank row Excel needs)
    excel_blank: bool = False  # that one blank row is all it has
    filler: bool = False  # `rows` is only the blank row Excel needs: nothing was written
    dirty_from: int | None = None  # the first data row to write: all rows from it on
    # Single cells set outside those rows (Competition fields): the value to send, and the
    # number format to give the cell first.
    cells: dict[tuple[int, str], object] = field(default_factory=dict)
    cell_formats: dict[tuple[int, str], str] = field(default_factory=dict)
    # Number formats given after the values: a Field | Value record's Value column, by value.
    value_formats: dict[tuple[int, str], str] = field(default_factory=dict)

    def column(self, header: str) -> int:
        return self.left + self.headers.index(header)

    def where(self, index: int, header: str, name: str | None = None) -> str:
        """Data row `index`'s cell under `header` (called `name`, if given) as a refusal names
        it, in the file adapter's words: 'the Bids "Notes" (Bids!K9)'."""
        cell = f"{column_letter(self.column(header))}{self.top + 1 + index}"
        return f'the {self.sheet} "{name or header}" ({self.sheet}!{cell})'

    def is_placeholder(self) -> bool:
        """A new table's single blank row holds no data: rows are written over it."""
        return len(self.rows) == 1 and all(v in (None, "") for v in self.rows[0].values())

    def settle(self) -> None:
        """Excel's table now holds `rows`: nothing waits to be written."""
        self.excel_rows, self.excel_blank = len(self.rows), self.is_placeholder()
        self.dirty_from = None
        self.cells, self.cell_formats, self.value_formats = {}, {}, {}


# Excel reads a value set through its API as if typed: text starting with one of these becomes
# a formula ("=", "+", "@", "-") or loses its first character ("'", the text prefix).
FORMULA_STARTS = ("=", "+", "-", "@", "'")


def _cell(value: object, where: str, text_column: bool = False) -> object:
    """The value to send to Excel for one cell; text always arrives as the same text.

    Text that Excel would take for a formula gets a leading apostrophe, which Excel keeps as the
    cell's prefix character, not as part of its value (desktop Excel through COM and appscript,
    and Office.js behind the remote engine, all treat a value set through the API as typed).
    Columns formatted as text before their values are written (TEXT_COLUMNS: the Lock record and
    the audit trail) take what is written literally, so they get no apostrophe: that is an
    assumption about Excel, which the remote engine cannot show, and the audit chain would
    report it at once if it were wrong. Values no cell can hold are refused first.
    """
    if isinstance(value, Decimal):
        return float(value)
    check_text(value, where)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not text_column:
        return "'" + value
    return value


class LiveWorkbook:
    def __init__(self, book: xw.Book) -> None:
        self.book = book
        self.label = book.name
        self.tables: dict[str, LiveTable] = {}
        self._snapshot: WorkbookTables | None = None
        self._written = False
        # Tables with changes waiting for `flush`, in the order they were first changed.
        self._pending: dict[str, LiveTable] = {}
        self._hidden: set[str] = set()  # record sheets hidden by this adapter already

    # --- reading ------------------------------------------------------------------------------

    def read(self) -> WorkbookTables:
        if self._snapshot is None:
            if self._written:
                # The remote engine would answer with the values from before the writes.
                raise RuntimeError("LiveWorkbook.read() after a write: read before writing")
            self._snapshot = self._read()
        return self._snapshot

    def _read(self) -> WorkbookTables:
        grids: list[TableGrid] = []
        found: dict[str, LiveTable] = {}
        for sheet in self.book.sheets:
            for table in sheet.tables:
                left, top, _, _ = range_boundaries(table.range.address.replace("$", ""))
                assert left and top
                values = table.range.options(ndim=2).value  # one round trip per table
                headers = [as_text(v) for v in values[0]]
                grids.append(TableGrid(table.name, sheet.name, top, left, headers, values[1:]))
                rows = [dict(zip(headers, row, strict=True)) for row in values[1:]]
                live = LiveTable(table.name, sheet.name, top, left, headers, rows)
                live.settle()
                found[table.name.casefold()] = live
        self.tables = found
        return assemble(Path(self.book.fullname), grids)

    # --- the CompetitionWorkbook port ---------------------------------------------------------

    def exclusive(self, command: str, since: datetime) -> AbstractContextManager[object]:
        """Excel runs one macro at a time on a workbook, so no other lock is needed."""
        return nullcontext({})

    def check_can_save(self) -> None:
        """Nothing to check: the officer saves in Excel, and nothing is written to disk here."""

    def set_field(self, field: str, value: object) -> None:
        table = self._table(schema.COMPETITION.name)
        for index, row in enumerate(table.rows):
            if as_text(row.get("Field")).casefold() == field.casefold():
                key = (index, "Value")
                table.cells[key] = _cell(value, table.where(index, "Value", field))
                if field in styles.FIELD_FORMATS:
                    table.cell_formats[key] = styles.FIELD_FORMATS[field]
                row["Value"] = value
                self._changed(table)
                return
        raise WorkbookStructureError(
            Path(self.label),
            f'table {table.name} has no "{field}" row',
            "Restore the row from the template.",
        )

    def append_rows(self, table: str, rows: Sequence[Row]) -> None:
        found = self._table(table)
        self.write_rows(found, rows, 0 if found.is_placeholder() else len(found.rows))

    def write_lock(self, rows: Sequence[Row]) -> None:
        self._write_record(schema.LOCK, rows)

    def write_seal(self, rows: Sequence[Row]) -> None:
        self._write_record(schema.SEAL, rows)

    def _write_record(self, spec: schema.TableSpec, rows: Sequence[Row]) -> None:
        table = self._write_whole(spec, rows)
        if table.sheet not in self._hidden:  # rewritten after every audit row: hidden once
            self._sheet(table).visible = False
            self._hidden.add(table.sheet)

    def _write_whole(self, spec: schema.TableSpec, rows: Sequence[Row]) -> LiveTable:
        """A table the add-in rewrites whole (Lock, Seal, Award, Publication)."""
        found = self.find(spec.name)
        if found is None:
            sheet = self.add_sheet(spec.sheet)
            self.title(sheet, *sheet_text.RECORDS[spec.name])
            return self.add_table(sheet, spec.name, spec.columns, HEADER_ROW, rows)
        self.write_rows(found, rows, 0)
        return found

    def protect_launched(self, locked_fields: Sequence[str]) -> None:
        """Not possible through the remote engine; see the module docstring."""

    def add_evaluator(self, number: int, name: str, tasks: Sequence[Task]) -> None:
        sheet = self.add_sheet(sheet_title(name, [s.name for s in self.book.sheets]))
        self.title(sheet, sheet_text.evaluator_heading(name), sheet_text.EVALUATOR_HINT)
        self.add_table(
            sheet,
            declaration_table(number),
            DECLARATION_COLUMNS,
            DECLARATION_TOP,
            declaration_rows(name),
        )
        self._drop_down(sheet.range((DECLARATION_TOP + 2, 2)), list(schema.YES_NO))
        sheet.range((DECLARATION_TOP + 3, 2)).number_format = styles.DATE
        rows = [t.row() for t in tasks]
        table = self.add_table(sheet, eval_table(number), EVAL_COLUMNS, SCORES_TOP, rows)
        self._score_lists(table, tasks, 0)

    def add_missing_tasks(self, number: int, tasks: Sequence[Task]) -> int:
        table = self._table(eval_table(number))
        have = {row_key(r) for r in table.rows}
        missing = [t for t in tasks if t.key not in have]
        if missing:
            start = 0 if table.is_placeholder() else len(table.rows)
            self.write_rows(table, [t.row() for t in missing], start)
            self._score_lists(table, missing, start)
        return len(missing)

    def write_moderation(
        self, headers: Sequence[str], rows: Sequence[Row], flagged: Sequence[int]
    ) -> None:
        sheet = self.replace_sheet(MODERATION.name, MODERATION.sheet)
        self.title(sheet, *sheet_text.MODERATION)
        top = moderation_sheet.TOP
        self.add_table(sheet, MODERATION.name, headers, top, rows)
        for i in flagged:
            row = top + 1 + i
            sheet.range((row, 1), (row, len(headers))).color = hex_colour(styles.SPREAD_FILL)

    def write_results(self, results: Sequence[Row], breakdown: Sequence[Row]) -> None:
        sheet = self.replace_sheet(RESULTS.name, RESULTS.sheet)
        self.title(sheet, *sheet_text.RESULTS)
        self.add_table(sheet, RESULTS.name, RESULTS.columns, HEADER_ROW, results)
        first, last = FIRST_DATA_ROW, results_sheet.ranking_end(results)
        two_dp, money = results_sheet.TWO_DP, styles.MONEY
        # Quality to Total (D:H) to 2 dp, but the Price (F) as money: each cell formatted once.
        _format_columns(sheet, first, last, 4, [two_dp, two_dp, money, two_dp, two_dp])
        top = results_sheet.breakdown_top(results)
        heading = sheet.range((top - 1, 1))
        heading.value = _cell(sheet_text.BREAKDOWN_HEADING, "the Results heading")
        set_font(heading, styles.TITLE_FONT)
        self.add_table(sheet, BREAKDOWN.name, BREAKDOWN.columns, top, breakdown)
        if breakdown:
            end = top + len(breakdown)
            for column in (5, 7):  # Score and Points; Max score stays a whole number
                sheet.range((top + 1, column), (end, column)).number_format = results_sheet.TWO_DP
        # The reasons (Rationale column), one per line, are wrapped by add_table's formats.

    def write_letters(self, rows: Sequence[Row]) -> None:
        if self.find(LETTERS.name) is None:
            sheet = self.add_sheet(LETTERS.sheet)
            self.title(sheet, LETTERS.sheet)
            self.add_table(sheet, LETTERS.name, LETTERS.columns, HEADER_ROW, rows)
        else:
            self.append_rows(LETTERS.name, rows)

    def write_award(self, rows: Sequence[Row]) -> None:
        self._write_visible(schema.AWARD, rows)

    def write_publication(self, rows: Sequence[Row]) -> None:
        self._write_visible(schema.PUBLICATION, rows)

    def _write_visible(self, spec: schema.TableSpec, rows: Sequence[Row]) -> None:
        table = self._write_whole(spec, rows)
        if "Value" in spec.columns:  # a format by value: dates, amounts and text mix here
            for index, row in enumerate(rows):
                table.value_formats[index, "Value"] = styles.format_for(row.get("Value"))
            self._changed(table)

    def save(self, now: datetime) -> str:
        """The officer saves in Excel (and may undo first): the changes are only sent."""
        self.flush()
        return str(self.book.name)

    # --- sending the changes ------------------------------------------------------------------

    def flush(self) -> None:
        """Sends every change waiting since `read()`: one write for each block of cells."""
        pending, self._pending = self._pending, {}
        for table in pending.values():
            with writable(self._sheet(table)):
                self._send(table)
            table.settle()

    def _changed(self, table: LiveTable) -> None:
        self._pending.setdefault(table.name.casefold(), table)
        self._written = True

    def _send(self, table: LiveTable) -> None:
        """Number formats first (text columns then keep their text as written), the values,
        the formats chosen by value, then the table's new size."""
        sheet, start = self._sheet(table), table.dirty_from
        rows = [] if start is None or table.filler else table.rows[start:]
        first = table.top + 1 + (start or 0)
        if rows:
            self._formats(sheet, table, first, first + len(rows) - 1)
        self._cell_formats(sheet, table, table.cell_formats)
        if start is not None:
            blank = 0 if table.excel_blank else max(0, table.excel_rows - start - len(rows))
            block = self._block(table, rows, start) + [[None] * len(table.headers)] * blank
            if block:
                sheet.range((first, table.left)).value = block
        # Cells in the rows just written are in that block already.
        cells = {k: v for k, v in table.cells.items() if start is None or k[0] < start}
        for header, index, values in _vertical_runs(table, cells, same_value=False):
            top, column = table.top + 1 + index, table.column(header)
            sheet.range((top, column)).value = [[v] for v in values]
        self._cell_formats(sheet, table, table.value_formats)
        if len(table.rows) != table.excel_rows:
            bottom = table.top + len(table.rows)
            right = table.left + len(table.headers) - 1
            sheet.tables[table.name].resize(sheet.range((table.top, table.left), (bottom, right)))

    @staticmethod
    def _cell_formats(
        sheet: xw.Sheet, table: LiveTable, formats: Mapping[tuple[int, str], str]
    ) -> None:
        """One write per run of cells, one below another, given the same format."""
        for header, index, run in _vertical_runs(table, formats, same_value=True):
            top, column = table.top + 1 + index, table.column(header)
            cells = sheet.range((top, column), (top + len(run) - 1, column))
            cells.number_format = run[0]

    # --- building blocks, also used by the ribbon actions --------------------------------------

    def find(self, name: str) -> LiveTable | None:
        self.read()  # the map of tables comes from the first read
        return self.tables.get(name.casefold())

    def _table(self, name: str) -> LiveTable:
        found = self.find(name)
        if found is None:
            raise WorkbookStructureError(Path(self.label), f"there is no table named {name}")
        return found

    def _sheet(self, table: LiveTable) -> xw.Sheet:
        return self.book.sheets[table.sheet]

    def write_rows(self, table: LiveTable, rows: Sequence[Row], start: int) -> None:
        """`rows` from data row `start` on, any rows below blanked, the table resized to fit.

        Refuses a value no cell can hold at once; the rows are sent by `flush`.
        """
        self._block(table, rows, start)
        table.rows[start:] = [{h: row.get(h) for h in table.headers} for row in rows]
        table.filler = not table.rows
        table.rows = table.rows or [dict.fromkeys(table.headers)]
        table.dirty_from = start if table.dirty_from is None else min(start, table.dirty_from)
        self._changed(table)

    def _block(self, table: LiveTable, rows: Sequence[Row], start: int = 0) -> list[list[object]]:
        """`rows` as cell values from data row `start` on; a value no cell can hold is refused
        naming its cell, as the file adapter does: 'the Bids "Notes" (Bids!K9)'."""
        text = TEXT_COLUMNS.get(table.name, ())
        return [
            [_cell(row.get(h), table.where(start + i, h), h in text) for h in table.headers]
            for i, row in enumerate(rows)
        ]

    def _formats(self, sheet: xw.Sheet, table: LiveTable, first: int, last: int) -> None:
        """Number formats before values, so text columns keep their text as written.

        Every column's format and wrapping on every row written, as the file adapter's
        style_rows does, so a row added by the add-in looks like the table's first row.
        """
        formats = dict(styles.COLUMN_FORMATS.get(table.name, {}))
        formats.update(dict.fromkeys(TEXT_COLUMNS.get(table.name, ()), TEXT))
        _format_columns(sheet, first, last, table.left, [formats.get(h) for h in table.headers])
        wrapped = [h in styles.WRAPPED_COLUMNS for h in table.headers]
        for start, width in _runs(wrapped):
            if wrapped[start]:
                left = table.left + start
                sheet.range((first, left), (last, left + width - 1)).wrap_text = True

    def add_table(
        self, sheet: xw.Sheet, name: str, columns: Sequence[str], top: int, rows: Sequence[Row]
    ) -> LiveTable:
        """A new Excel Table at column A holding `rows` (or one blank row, as Excel needs)."""
        table = LiveTable(name, sheet.name, top, 1, list(columns))
        table.rows = [{h: row.get(h) for h in columns} for row in rows] or [dict.fromkeys(columns)]
        self.tables[name.casefold()] = table
        bottom = top + len(table.rows)
        header = [_cell(h, f'the {name} header "{h}"') for h in columns]
        body = self._block(table, table.rows)
        self._formats(sheet, table, top + 1, bottom)
        sheet.range((top, 1)).value = [header, *body]
        sheet.tables.add(
            source=sheet.range((top, 1), (bottom, len(columns))),
            name=name,
            table_style_name=styles.TABLE_STYLE,
        )
        table.settle()
        self._written = True
        return table

    def add_sheet(self, title: str, position: int | None = None) -> xw.Sheet:
        """A new sheet at `position` (0-based); by default just before Audit, which stays last."""
        sheets = self.book.sheets
        if position is None:
            audit = self._table(schema.AUDIT.name).sheet
            names = [s.name for s in sheets]
            position = names.index(audit) if audit in names else len(names)
        self._written = True
        if position == 0:
            return sheets.add(title, before=sheets[0])
        # `after`, not `before`: the remote engine places `before=` one sheet too early.
        return sheets.add(title, after=sheets[position - 1])

    def replace_sheet(self, table_name: str, title: str) -> xw.Sheet:
        """A fresh sheet in place of the one holding `table_name` (as the file adapter does)."""
        found = self.find(table_name)
        if found is None:
            return self.add_sheet(title)
        position = [s.name for s in self.book.sheets].index(found.sheet)
        self.book.sheets[found.sheet].delete()
        self.tables = {k: t for k, t in self.tables.items() if t.sheet != found.sheet}
        # Changes waiting for a table on the deleted sheet go with it.
        self._pending = {k: t for k, t in self._pending.items() if t.sheet != found.sheet}
        return self.add_sheet(title, position)

    def title(self, sheet: xw.Sheet, title: str, hint: str | None = None) -> None:
        head = _cell(title, "a sheet title")
        sheet.range("A1").value = [[head], [_cell(hint, "a sheet hint")]] if hint else head
        set_font(sheet.range("A1"), styles.TITLE_FONT)
        if hint:
            set_font(sheet.range("A2"), styles.HINT_FONT)

    def _score_lists(self, table: LiveTable, tasks: Sequence[Task], start: int) -> None:
        """The Score drop-downs of `tasks`, written from data row `start` on."""
        sheet, column = self._sheet(table), table.column("Score")
        first = table.top + 1 + start
        # One drop-down per run of rows sharing a maximum score: 0 … max, as in the file.
        for top, size in _runs([t.max_score for t in tasks]):
            cells = sheet.range((first + top, column), (first + top + size - 1, column))
            self._drop_down(cells, [str(n) for n in range(tasks[top].max_score + 1)])

    @staticmethod
    def _drop_down(cells: xw.Range, choices: list[str]) -> None:
        # Only Office.js among the remote clients takes drop-downs; the rules check values anyway.
        with suppress(NotImplementedError):
            cells.data_validation.set_list(choices)


def _format_columns(
    sheet: xw.Sheet, first: int, last: int, left: int, formats: Sequence[str | None]
) -> None:
    """Rows `first` to `last` of the columns from `left` on, each given its number format (None:
    left alone); one write per run of columns sharing a format, so no cell is formatted twice."""
    for start, width in _runs(formats):
        number_format = formats[start]
        if number_format is not None:
            column = left + start
            sheet.range((first, column), (last, column + width - 1)).number_format = number_format


def _vertical_runs(
    table: LiveTable, cells: Mapping[tuple[int, str], V], *, same_value: bool
) -> list[tuple[str, int, list[V]]]:
    """(header, first data row, values) of each run of `cells` one below another in a column,
    and holding the same value if `same_value`."""
    runs: list[tuple[str, int, list[V]]] = []
    for (index, header), value in sorted(
        cells.items(), key=lambda item: (table.column(item[0][1]), item[0][0])
    ):
        if runs:
            last_header, top, values = runs[-1]
            follows = last_header == header and top + len(values) == index
            if follows and (not same_value or values[-1] == value):
                values.append(value)
                continue
        runs.append((header, index, [value]))
    return runs


def _runs(values: Sequence[object]) -> list[tuple[int, int]]:
    """(start, length) of each run of equal neighbours."""
    runs: list[tuple[int, int]] = []
    for i, value in enumerate(values):
        if runs and values[runs[-1][0]] == value:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((i, 1))
    return runs

"""A stand-in for Excel: workbooks built by code, sent to the ribbon actions as xlwings' remote
engine receives them, and the actions it sends back applied the way Excel's client applies them.

`FakeExcel.open(path)` loads a workbook with openpyxl; `press(button)` turns it into the JSON
payload the xlwings Server 1.20 Office.js client sends (every sheet's values from A1 to the end
of its values-only used range, dates as ISO text ending in "Z" as the client's `toISOString()`
writes them; the used range, print area and notes support; names; tables with their addresses,
sizes and column names; the calculation mode), runs
`addin.excel.dispatch.run_json`, and applies the returned actions to the openpyxl workbook,
so the next press and the file services see the result. Like Excel, setting values turns
number-like and date-like text into numbers and dates, and text starting with "=", "+", "-" or
"@" into formulas, unless the cell is formatted as text; a leading apostrophe is Excel's text
prefix, dropped from the value.
An action this stand-in does not know fails the test rather than being skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import xlwings as xw
from openpyxl import load_workbook
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from addin.excel.context import ActionContext
from addin.excel.dispatch import run_json

_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?")


def _payload_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="milliseconds") + "Z"
    if isinstance(value, date):
        return datetime.combine(value, time()).isoformat(timespec="milliseconds") + "Z"
    return value


def _table_json(table: Table) -> dict[str, Any]:
    left, top, right, bottom = range_boundaries(table.ref)
    first, last = get_column_letter(left), get_column_letter(right)
    style = table.tableStyleInfo
    return {
        "name": table.displayName,
        "range_address": table.ref,
        "row_count": bottom - top + 1,
        "column_count": right - left + 1,
        "columns": [column.name for column in table.tableColumns],
        "header_row_range_address": f"{first}{top}:{last}{top}",
        "data_body_range_address": f"{first}{top + 1}:{last}{bottom}",
        "total_row_range_address": None,
        "show_headers": True,
        "show_totals": False,
        "table_style": style.name if style else "",
        "show_autofilter": True,
        "show_table_style_first_column": bool(style and style.showFirstColumn),
        "show_table_style_last_column": bool(style and style.showLastColumn),
        "show_table_style_row_stripes": bool(style and style.showRowStripes),
        "show_table_style_column_stripes": bool(style and style.showColumnStripes),
    }


def _used_range(sheet: Worksheet) -> tuple[str | None, int, int]:
    """Excel's values-only used range (address, rows, columns): cells holding a value only,
    as the client asks for it (`getUsedRangeOrNullObject(true)`); None for an empty sheet."""
    filled = [
        (cell.row, cell.column)
        for row in sheet.iter_rows()
        for cell in row
        if cell.value not in (None, "")
    ]
    if not filled:
        return None, 0, 0
    top, bottom = min(r for r, _ in filled), max(r for r, _ in filled)
    left, right = min(c for _, c in filled), max(c for _, c in filled)
    address = f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"
    return address, bottom - top + 1, right - left + 1


def _print_area(sheet: Worksheet) -> str | None:
    """The print area as the client sends it: areas without the sheet name or "$", by commas."""
    if not sheet.print_area:
        return None
    areas = [area.rpartition("!")[2].replace("$", "") for area in sheet.print_area.split(",")]
    return ",".join(areas)


def _sheet_json(sheet: Worksheet) -> dict[str, Any]:
    address, rows, columns = _used_range(sheet)
    # The client sends the values of A1 to the last cell of the used range, dates as ISO text.
    last_column, last_row = range_boundaries(address)[2:] if address else (1, 1)
    values = [
        [_payload_value(v) for v in row]
        for row in sheet.iter_rows(max_row=last_row, max_col=last_column, values_only=True)
    ]
    return {
        "name": sheet.title,
        "values": values or [[]],
        "visibility": "Visible" if sheet.sheet_state == "visible" else "Hidden",
        "show_gridlines": True,
        "print_area": _print_area(sheet),
        "notes": [],  # addresses of the cells with a note; the builders write none
        "notes_supported": True,  # ExcelApi 1.18
        "used_range_address": address,
        "used_range_row_count": rows,
        "used_range_column_count": columns,
        "pictures": [],
        "shapes": [],
        "charts": [],
        "tables": [_table_json(t) for t in sheet.tables.values()],
        "pivot_tables": [],
    }


def payload(book: Workbook, name: str) -> dict[str, Any]:
    """The workbook as the xlwings Server 1.20 Office.js client sends it (getBookData)."""
    names = []
    for defined in book.defined_names.values():
        for title, ref in defined.destinations:
            names.append(
                {
                    "name": defined.name,
                    "sheet_index": book.sheetnames.index(title),
                    "address": ref.replace("$", ""),
                    "book_scope": True,
                    "scope_sheet_name": None,
                    "scope_sheet_index": None,
                }
            )
    return {
        "client": "Office.js",
        "version": xw.__version__,
        "book": {
            "name": name,
            "active_sheet_index": 0,
            "selection": "A1",
            "calculation": "Automatic",  # Excel.CalculationMode, sent since xlwings 0.37
        },
        "names": names,
        "sheets": [_sheet_json(sheet) for sheet in book.worksheets],
    }


@dataclass
class Applied:
    """One action as Excel applied it, with the sheet it landed on by name."""

    func: str
    sheet: str | None
    address: str | None
    args: list[Any]
    values: list[list[Any]] | None


def _typed(value: object, text_format: bool) -> object:
    """What Excel stores when a client sets a cell to `value`."""
    if value == "":
        return None
    if not isinstance(value, str) or text_format:
        return value
    if value.startswith("'"):  # the text prefix: what follows is text, kept exactly
        return value[1:]
    if value.startswith(("=", "+", "@")) and len(value) > 1:
        return "=" + value.lstrip("=")  # a formula, as when typed
    if value.startswith("-") and not _NUMBER.fullmatch(value) and len(value) > 1:
        return "=" + value
    if _NUMBER.fullmatch(value):
        number = float(value)
        return int(number) if number.is_integer() and "." not in value else number
    if _DATE.fullmatch(value):
        return datetime.fromisoformat(value)
    return value


@dataclass
class FakeExcel:
    book: Workbook
    name: str
    alerts: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path, name: str | None = None) -> FakeExcel:
        """`name` is what the engine reports as the book's name and full name (default: the
        file's name, as an Office.js client sends it)."""
        return cls(load_workbook(path), name or path.name)

    def save(self, path: Path) -> Path:
        self.book.save(path)
        return path

    def press(
        self, button_id: str, now: datetime, context: ActionContext | None = None
    ) -> list[Applied]:
        return self.apply(run_json(button_id, payload(self.book, self.name), now, context))

    def apply(self, actions: list[dict[str, Any]]) -> list[Applied]:
        done = []
        for action in actions:
            position = action["sheet_position"]
            sheet = self.book.worksheets[position] if position is not None else None
            address = None
            if action["start_row"] is not None:
                top, left = action["start_row"] + 1, action["start_column"] + 1
                bottom, right = top + action["row_count"] - 1, left + action["column_count"] - 1
                address = f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"
            handler = _HANDLERS.get(action["func"])
            assert handler, f"the fake Excel does not know the action {action['func']!r}"
            title = sheet.title if sheet is not None else None
            handler(self, sheet, address, action)
            done.append(Applied(action["func"], title, address, action["args"], action["values"]))
        return done


Handler = Callable[[FakeExcel, Any, Any, dict[str, Any]], None]


def _cells(sheet: Worksheet, address: str) -> list[Any]:
    return [cell for row in sheet[address] for cell in row]


def _set_values(excel: FakeExcel, sheet: Worksheet, address: str, action: dict[str, Any]) -> None:
    left, top, _, _ = range_boundaries(address)
    for r, row in enumerate(action["values"]):
        for c, value in enumerate(row):
            cell = sheet.cell(top + r, left + c)
            text_format = cell.number_format == "@"
            cell.value = _typed(value, text_format)
            if isinstance(value, str) and (text_format or value.startswith("'")):
                cell.data_type = "s"  # text, even where it starts with "="


def _add_sheet(excel: FakeExcel, sheet: Any, address: Any, action: dict[str, Any]) -> None:
    index, title = action["args"]
    excel.book.create_sheet(title, index)


def _delete_sheet(excel: FakeExcel, sheet: Worksheet, address: Any, action: dict[str, Any]) -> None:
    excel.book.remove(sheet)


def _add_table(excel: FakeExcel, sheet: Worksheet, address: Any, action: dict[str, Any]) -> None:
    ref, has_headers, style, name = action["args"]
    assert has_headers
    taken = {t.displayName.casefold() for s in excel.book.worksheets for t in s.tables.values()}
    assert name.casefold() not in taken, f"Excel refuses a second table named {name}"
    table = Table(displayName=name, ref=ref.replace("$", ""))
    table.tableStyleInfo = TableStyleInfo(name=style, showRowStripes=True)
    sheet.add_table(table)


def _resize_table(excel: FakeExcel, sheet: Worksheet, address: Any, action: dict[str, Any]) -> None:
    index, ref = action["args"]
    table = list(sheet.tables.values())[index]
    table.ref = ref.replace("$", "")
    if table.autoFilter is not None:
        table.autoFilter.ref = table.ref


def _colour(excel: FakeExcel, sheet: Worksheet, address: str, action: dict[str, Any]) -> None:
    colour = action["args"][0]
    for cell in _cells(sheet, address):
        cell.fill = PatternFill() if colour is None else PatternFill("solid", colour[1:])


def _number_format(
    excel: FakeExcel, sheet: Worksheet, address: str, action: dict[str, Any]
) -> None:
    for cell in _cells(sheet, address):
        cell.number_format = action["args"][0]


def _wrap(excel: FakeExcel, sheet: Worksheet, address: str, action: dict[str, Any]) -> None:
    for cell in _cells(sheet, address):
        cell.alignment = Alignment(wrap_text=bool(action["args"][0]), vertical="top")


def _visibility(excel: FakeExcel, sheet: Worksheet, address: Any, action: dict[str, Any]) -> None:
    sheet.sheet_state = "hidden" if action["args"][0] == "Hidden" else "visible"


def _activate(excel: FakeExcel, sheet: Any, address: Any, action: dict[str, Any]) -> None:
    excel.book.active = int(action["args"][0])


def _drop_down(excel: FakeExcel, sheet: Worksheet, address: str, action: dict[str, Any]) -> None:
    source, _ = action["args"]
    assert source["type"] == "literal"
    rule = DataValidation(type="list", formula1='"' + ",".join(source["values"]) + '"')
    rule.add(address)
    sheet.add_data_validation(rule)


def _alert(excel: FakeExcel, sheet: Any, address: Any, action: dict[str, Any]) -> None:
    prompt, title, *_ = action["args"]
    assert title == "CCIN DPS"
    excel.alerts.append(prompt)


def _cosmetic(excel: FakeExcel, sheet: Any, address: Any, action: dict[str, Any]) -> None:
    """Fonts: nothing the services or the file adapter read back."""


_HANDLERS: dict[str, Handler] = {
    "setValues": _set_values,
    "addSheet": _add_sheet,
    "sheetDelete": _delete_sheet,
    "addTable": _add_table,
    "resizeTable": _resize_table,
    "setRangeColor": _colour,
    "setNumberFormat": _number_format,
    "setSheetVisibility": _visibility,
    "activateSheet": _activate,
    "setDataValidationList": _drop_down,
    "setFontProperty": _cosmetic,
    "setWrapText": _wrap,
    "alert": _alert,
}

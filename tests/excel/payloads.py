"""A stand-in for Excel: workbooks built by code, sent to the ribbon actions as xlwings' remote
engine receives them, and the actions it sends back applied the way Excel's client applies them.

`FakeExcel.open(path)` loads a workbook with openpyxl; `press(button)` turns it into the JSON
payload an Office.js client sends (every sheet's values from A1, dates as ISO text ending in "Z"
as the client's `toISOString()` writes them, names, tables with their addresses), runs
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
    return {
        "name": table.displayName,
        "range_address": table.ref,
        "header_row_range_address": f"{first}{top}:{last}{top}",
        "data_body_range_address": f"{first}{top + 1}:{last}{bottom}",
        "total_row_range_address": None,
        "show_headers": True,
        "show_totals": False,
        "table_style": table.tableStyleInfo.name if table.tableStyleInfo else "",
        "show_autofilter": True,
    }


def payload(book: Workbook, name: str) -> dict[str, Any]:
    """The workbook as an Office.js client sends it to xlwings' remote engine."""
    sheets = []
    for sheet in book.worksheets:
        values = [
            [_payload_value(v) for v in row]
            for row in sheet.iter_rows(max_col=sheet.max_column, values_only=True)
        ]
        sheets.append(
            {
                "name": sheet.title,
                "values": values or [[]],
                "visibility": "Visible" if sheet.sheet_state == "visible" else "Hidden",
                "pictures": [],
                "shapes": [],
                "charts": [],
                "notes": [],
                "tables": [_table_json(t) for t in sheet.tables.values()],
                "show_gridlines": True,
                "pivot_tables": [],
            }
        )
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
        "book": {"name": name, "active_sheet_index": 0, "selection": "A1"},
        "names": names,
        "sheets": sheets,
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

    def press(self, button_id: str, now: datetime) -> list[Applied]:
        return self.apply(run_json(button_id, payload(self.book, self.name), now))

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

"""The live workbook sends text so that Excel stores it as text, never as a formula.

Desktop Excel and Office.js (behind xlwings' remote engine) read a value set through their API
as if it were typed: "=1+1" becomes a formula. The adapter sends "'=1+1"; Excel keeps the
apostrophe as the cell's prefix character and the value is the text "=1+1". Text-formatted
columns (the Lock record, the audit trail) are written after their format and take text as is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import xlwings as xw
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from addin.domain import schema
from addin.errors import CellValueRefused
from addin.excel.live_workbook import LiveWorkbook
from tests.builders import launched_workbook, scored_workbook
from tests.excel.payloads import FakeExcel, payload

INJECTED = '=HYPERLINK("http://x","y")'


def live(path: Path) -> LiveWorkbook:
    book = LiveWorkbook(xw.Book(json=payload(load_workbook(path), path.name)))
    book.read()
    return book


def sent_values(book: LiveWorkbook) -> list[Any]:
    book.flush()  # the adapter sends its changes when the action ends
    return [
        v
        for a in book.book.json()["actions"]
        if a["func"] == "setValues"
        for row in a["values"]
        for v in row
    ]


def test_formula_like_text_is_sent_with_excel_s_text_prefix(tmp_path: Path) -> None:
    book = live(launched_workbook(tmp_path))
    book.append_rows(
        schema.BIDS.name,
        [{"Supplier ID": "CCIN-009", "Supplier name": INJECTED, "Notes": "-see above", "Price": 5}],
    )
    values = sent_values(book)
    assert "'" + INJECTED in values and "'-see above" in values and 5 in values


def test_the_audit_s_text_columns_get_the_text_as_is_after_their_text_format(
    tmp_path: Path,
) -> None:
    book = live(launched_workbook(tmp_path))
    book.append_rows(schema.AUDIT.name, [{"Who": "=1+1", "Action": "Closed"}])
    book.flush()
    actions = book.book.json()["actions"]
    funcs = [a["func"] for a in actions]
    assert "=1+1" in sent_values(book)
    assert funcs.index("setNumberFormat") < funcs.index("setValues")


def test_text_reads_back_exactly_from_the_fake_excel(tmp_path: Path) -> None:
    path = launched_workbook(tmp_path)
    book = live(path)
    book.append_rows(schema.BIDS.name, [{"Supplier ID": "CCIN-009", "Notes": "=1+1"}])
    book.append_rows(schema.AUDIT.name, [{"Who": "@someone", "Action": "Closed"}])
    book.flush()
    excel = FakeExcel.open(path)
    excel.apply(book.book.json()["actions"])
    cells = [c for s in excel.book.worksheets for row in s.iter_rows() for c in row]
    assert [c.value for c in cells if c.value in ("=1+1", "@someone")] == ["=1+1", "@someone"]
    assert not [c.coordinate for c in cells if c.data_type == "f"]


def test_a_control_character_is_refused_before_anything_is_sent(tmp_path: Path) -> None:
    path = launched_workbook(tmp_path)
    bids = load_workbook(path)["Bids"]
    bottom = range_boundaries(bids.tables[schema.BIDS.name].ref)[3]
    notes = next(c.column_letter for c in bids[schema.HEADER_ROW] if c.value == "Notes")
    book = live(path)
    where = rf'the Bids "Notes" \(Bids!{notes}{bottom + 1}\) value "late\\x1b"'
    with pytest.raises(CellValueRefused, match=where):  # the new row's cell
        book.append_rows(schema.BIDS.name, [{"Supplier ID": "CCIN-009", "Notes": "late\x1b"}])
    book.flush()  # nothing was left waiting to be sent either
    assert book.book.json()["actions"] == []


def test_a_field_s_refused_value_names_its_cell_as_the_file_adapter_does(tmp_path: Path) -> None:
    path = launched_workbook(tmp_path)
    competition = load_workbook(path)["Competition"]
    value_cell = next(
        row[1].coordinate for row in competition.iter_rows() if row[0].value == "Status"
    )
    book = live(path)
    where = rf'the Competition "Status" \(Competition!{value_cell}\) value "Closed\\x07"'
    with pytest.raises(CellValueRefused, match=where):
        book.set_field("Status", "Closed\x07")


def test_a_replaced_sheet_s_waiting_changes_go_with_it(tmp_path: Path) -> None:
    """A change waiting for a table whose sheet is then replaced must not be sent to the new
    sheet, nor stop the new table of the same name from sending its own."""
    book = live(scored_workbook(tmp_path))
    old = book.find(schema.MODERATION.name)
    assert old is not None
    headers = list(old.headers)
    book.write_rows(old, [dict.fromkeys(headers, "stale")], 0)  # waiting to be sent
    book.write_moderation(headers, [], [])  # a fresh sheet and table
    new = book.find(schema.MODERATION.name)
    assert new is not None and new is not old
    book.write_rows(new, [dict.fromkeys(headers, "fresh")], 0)
    values = sent_values(book)
    assert "fresh" in values and "stale" not in values

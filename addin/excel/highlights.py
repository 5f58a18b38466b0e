"""Colouring the cells a problem names, and un-colouring them on the next run.

Errors are light red and warnings amber (the fills in addin.workbook.styles). Which ranges were
coloured is remembered on a hidden sheet, one A1 reference a row, because that is the one store
every xlwings engine can both write and read back: the remote engine's payload carries cell
values of every sheet, but neither fill colours nor defined names that are not ranges. The next
run clears exactly those ranges, so an officer's own colouring elsewhere is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import xlwings as xw

from addin.domain.problems import Problem, Severity
from addin.excel.live_workbook import hex_colour
from addin.workbook import styles
from addin.workbook.cellrefs import compress

STATE_SHEET = "CCIN DPS add-in"
FIRST_ROW = 3
_ADDRESS = re.compile(r"^\$?[A-Z]{1,3}\$?\d+(:\$?[A-Z]{1,3}\$?\d+)?$", re.IGNORECASE)
# The first line of addin.reporting.problem_line: "  ERROR   CODE  Sheet!A1:A5, 'My sheet'!B2"
_PROBLEM_LINE = re.compile(r"^\s*(ERROR|WARNING)\s+\S+\s*(.*)$")
_PLACE = re.compile(r"(?:'(?:[^']|'')+'|[^,'\s]+)![A-Z$]+\d+(?::[A-Z$]+\d+)?", re.IGNORECASE)


@dataclass(frozen=True)
class Mark:
    """One range to colour, e.g. "Criteria!D4:D8", and whether it holds an error."""

    place: str
    error: bool


def marks_for(problems: Iterable[Problem]) -> list[Mark]:
    return [
        Mark(place, p.severity is Severity.ERROR) for p in problems for place in compress(p.cells)
    ]


def marks_in(details: Iterable[str]) -> list[Mark]:
    """The places named in problem lines, as a DpsError's `details` carry them."""
    marks = []
    for detail in details:
        found = _PROBLEM_LINE.match(detail.splitlines()[0] if detail else "")
        if found:
            error = found.group(1) == "ERROR"
            marks += [Mark(place, error) for place in _PLACE.findall(found.group(2))]
    return marks


def split_place(place: str) -> tuple[str, str] | None:
    """("My sheet", "B2:B5") from "'My sheet'!B2:B5"; None for anything not a cell range."""
    sheet, bang, address = place.rpartition("!")
    if not bang or not _ADDRESS.match(address):
        return None
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, address.replace("$", "")


def show(book: xw.Book, marks: Sequence[Mark]) -> None:
    """Clears the last run's colours, colours `marks` (errors over warnings), remembers them."""
    sheets = {s.name.casefold(): s for s in book.sheets}
    state = sheets.get(STATE_SHEET.casefold())
    old = _remembered(state) if state is not None else []
    if not old and not marks:
        return  # nothing to clear, nothing to show: the workbook is not touched
    for place in old:
        _colour(sheets, place, None)
    ordered = sorted(dict.fromkeys(marks), key=lambda m: m.error)  # errors painted last
    error, warning = hex_colour(styles.ERROR_FILL), hex_colour(styles.WARNING_FILL)
    for mark in ordered:
        _colour(sheets, mark.place, error if mark.error else warning)
    places = list(dict.fromkeys(m.place for m in ordered))
    if state is None:
        state = book.sheets.add(STATE_SHEET, after=book.sheets[len(book.sheets) - 1])
        state.range("A1").value = [
            ["Cells the CCIN DPS add-in highlighted; it clears them on its next run."],
            ["Highlighted"],
        ]
        state.visible = False
    rows = [[p] for p in places] + [[None]] * max(0, len(old) - len(places))
    state.range((FIRST_ROW, 1)).value = rows


def _remembered(state: xw.Sheet) -> list[str]:
    values = state.used_range.options(ndim=2).value
    return [str(row[0]) for row in values[FIRST_ROW - 1 :] if row and row[0] not in (None, "")]


def _colour(sheets: dict[str, xw.Sheet], place: str, colour: str | None) -> None:
    where = split_place(place)
    sheet = sheets.get(where[0].casefold()) if where else None
    if where is None or sheet is None:
        return  # the sheet was renamed or deleted since: nothing left to colour
    sheet.range(where[1]).color = colour  # None removes the fill

"""Colouring the cells a problem names, and un-colouring them on the next run.

Errors are light red and warnings amber (the fills in addin.workbook.styles). Which ranges were
coloured is remembered on a hidden sheet, one A1 reference a row, because that is the one store
every xlwings engine can both write and read back: the remote engine's payload carries cell
values of every sheet, but neither fill colours nor defined names that are not ranges. The next
run clears exactly those ranges, so an officer's own colouring elsewhere is never touched.

What to colour comes from the Problem objects themselves (their located `cells`), never from
the text an alert shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import xlwings as xw

from addin.domain.problems import Problem, Severity
from addin.domain.schema import HIGHLIGHTS_FIRST_ROW as FIRST_ROW
from addin.domain.schema import HIGHLIGHTS_SHEET as STATE_SHEET
from addin.excel.live_workbook import hex_colour
from addin.presentation import places, split_place
from addin.workbook import styles

# The state sheet's first rows, above the list (which starts at FIRST_ROW).
HEADING = [
    ["Cells the CCIN DPS add-in highlighted; it clears them on its next run."],
    ["Highlighted"],
]
assert len(HEADING) == FIRST_ROW - 1


@dataclass(frozen=True)
class Mark:
    """One range to colour, e.g. "Criteria!D4:D8", and whether it holds an error."""

    place: str
    error: bool


def marks_for(problems: Iterable[Problem]) -> list[Mark]:
    """Every range the problems name, runs in a column merged: "Criteria!D4:D8"."""
    return [Mark(place, p.severity is Severity.ERROR) for p in problems for place in places(p)]


def show(book: xw.Book, marks: Sequence[Mark]) -> None:
    """Clears the last run's colours, colours `marks` (errors over warnings), remembers them."""
    sheets = {s.name.casefold(): s for s in book.sheets}
    state = sheets.get(STATE_SHEET.casefold())
    old = _remembered(state) if state is not None else []
    if not old and not marks:
        return  # nothing to clear, nothing to show: the workbook is not touched
    ordered = sorted(dict.fromkeys(marks), key=lambda m: m.error)  # errors painted last
    places = list(dict.fromkeys(m.place for m in ordered))
    for place in old:
        if place not in places:  # a range coloured again is not cleared first
            _colour(sheets, place, None)
    error, warning = hex_colour(styles.ERROR_FILL), hex_colour(styles.WARNING_FILL)
    for mark in ordered:
        _colour(sheets, mark.place, error if mark.error else warning)
    rows = [[p] for p in places] + [[None]] * max(0, len(old) - len(places))
    if state is None:
        state = book.sheets.add(STATE_SHEET, after=book.sheets[len(book.sheets) - 1])
        state.visible = False
        state.range("A1").value = [*HEADING, *rows]  # one write
    else:
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

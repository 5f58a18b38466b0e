"""A1-style references, with sheet names quoted the way Excel writes them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from openpyxl.utils.cell import coordinate_from_string

_PLAIN_SHEET = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


def sheet_ref(sheet: str) -> str:
    if _PLAIN_SHEET.match(sheet):
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


def cell_ref(sheet: str, coordinate: str) -> str:
    return f"{sheet_ref(sheet)}!{coordinate}"


def compress(cells: Iterable[str]) -> list[str]:
    """Runs of cells in one column become ranges: Criteria!D4, D5, D6 → Criteria!D4:D6."""
    parsed: list[tuple[str, str, int]] = []
    for ref in cells:
        sheet, _, coord = ref.rpartition("!")
        column, row = coordinate_from_string(coord)
        parsed.append((sheet, column, row))
    out: list[str] = []
    i = 0
    while i < len(parsed):
        sheet, column, start = parsed[i]
        end = start
        while i + 1 < len(parsed) and parsed[i + 1] == (sheet, column, end + 1):
            i += 1
            end += 1
        out.append(f"{sheet}!{column}{start}" + (f":{column}{end}" if end > start else ""))
        i += 1
    return out

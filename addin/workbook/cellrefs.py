"""A1-style references, with sheet names quoted the way Excel writes them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

_PLAIN_SHEET = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")
_COORDINATE = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]+)$")


@cache  # every table's columns are named on every read
def column_letter(number: int) -> str:
    """1 -> A, 27 -> AA (as openpyxl's get_column_letter, without importing openpyxl)."""
    if not 1 <= number <= 18278:
        raise ValueError(f"column {number} is outside A:ZZZ")
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """A -> 1, AA -> 27."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def split_coordinate(coordinate: str) -> tuple[str, int]:
    """ "D7" -> ("D", 7); "$D$7" too."""
    match = _COORDINATE.match(coordinate)
    if not match:
        raise ValueError(f"{coordinate!r} is not a cell reference")
    return match.group(1).upper(), int(match.group(2))


def range_bounds(ref: str) -> tuple[int, int, int, int]:
    """ "A3:B19" -> (left, top, right, bottom) as numbers; a single cell is a 1×1 range."""
    first, _, last = ref.partition(":")
    left, top = split_coordinate(first)
    right, bottom = split_coordinate(last or first)
    return column_number(left), top, column_number(right), bottom


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
        column, row = split_coordinate(coord)
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

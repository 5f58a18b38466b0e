"""Every value the add-in writes into a cell with openpyxl goes through `put`.

Text is stored as text, never as a formula: openpyxl types any str beginning with "=" as a
formula (and "#N/A" and the other error codes as errors), so a supplier called
'=HYPERLINK("http://x","y")' or an officer called "=1+1" would land as a live formula, and an
audit Who cell would no longer read back what was hashed. `put` forces every str to a string
cell, which openpyxl writes as an inline string (<c t="inlineStr"><is><t>…</t></is></c>) and
reads back as the same text.

Values an .xlsx cannot hold are refused before anything is saved, naming the table and column:
control characters other than tab, newline and carriage return (openpyxl would raise
IllegalCharacterError) and text longer than Excel's 32,767 characters (openpyxl would silently
cut it).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from openpyxl.cell.cell import Cell

from addin.errors import CellValueRefused

MAX_CELL_TEXT = 32_767
# XML 1.0 forbids these; tab (09), newline (0A) and carriage return (0D) are allowed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


# A cell's place for the officer, e.g. 'tblAudit "Who"', or a function naming it: a writer of
# thousands of cells names only the one refused.
Where = str | Callable[[], str]


def check_text(value: object, where: Where) -> None:
    """Raises CellValueRefused when `value` is text no Excel cell can hold, naming `where`."""
    if not isinstance(value, str):
        return
    bad = _CONTROL.search(value)
    if bad:
        raise CellValueRefused(
            _named(where),
            value,
            f"contains a control character (U+{ord(bad.group()):04X}) that an Excel cell "
            "cannot hold; remove it",
        )
    if len(value) > MAX_CELL_TEXT:
        raise CellValueRefused(
            _named(where),
            value,
            f"is {len(value):,} characters long; an Excel cell holds at most "
            f"{MAX_CELL_TEXT:,}; shorten it",
        )


def _named(where: Where) -> str:
    return where if isinstance(where, str) else where()


def put(cell: Cell, value: object, where: Where = "") -> Cell:
    """Sets `cell` to `value`; text is always stored as text. Returns the cell.

    `where` names the cell's table and column for a refusal; by default, its sheet and address.
    """
    check_text(value, where or (lambda: f"cell {cell.parent.title}!{cell.coordinate}"))
    if type(value) is str:
        # What openpyxl's own setter ends with for text we have checked (it would check it
        # again, and type "=…" as a formula and "#N/A" as an error only for us to undo that),
        # at a fraction of the cost: the add-in writes tens of thousands of cells.
        cell._value, cell.data_type = value, "s"
        return cell
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell

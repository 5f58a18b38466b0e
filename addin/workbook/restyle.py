"""One style change on many cells, at the cost of one openpyxl style lookup per starting style.

openpyxl looks each font, number format or alignment assigned to a cell up in the workbook's
style lists by hashing it, which was most of the time spent writing a 6,000-row table. Cells
that start with the same style end with the same style, so the change is made the slow way once
per starting style and its result copied to the rest, as openpyxl's own sheet copy copies
`_style`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from openpyxl.cell.cell import Cell
from openpyxl.styles.cell_style import StyleArray

from addin.workbook.styles import WRAP


def restyle(cells: Iterable[Cell], change: Callable[[Cell], object]) -> None:
    """Applies `change`, which may only set style attributes, to every cell of `cells`."""
    # By the style's bytes (never styled: b""), cheaper to make and hash than a tuple; None
    # where the change leaves that style as it was (a column wrapped twice).
    done: dict[bytes, StyleArray | None] = {}
    for cell in cells:
        before = _key(cell._style)
        if before not in done:
            change(cell)  # on the cell's own style: openpyxl changes a style in place
            after = cell._style
            done[before] = None if after is None or _key(after) == before else StyleArray(after)
        elif (after := done[before]) is not None:
            cell._style = StyleArray(after)  # each cell its own copy, for the same reason


def _key(style: StyleArray | None) -> bytes:
    return b"" if style is None else style.tobytes()


def wrap(cell: Cell) -> None:
    """A change for `restyle`: text wrapped, top-aligned."""
    cell.alignment = WRAP

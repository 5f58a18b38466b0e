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
    # By the style's bytes (never styled: b""), cheaper to make and hash than a tuple.
    done: dict[bytes, StyleArray | None] = {}
    for cell in cells:
        style = cell._style
        before = b"" if style is None else style.tobytes()
        if before in done:
            after = done[before]
        else:
            change(cell)
            after = done[before] = cell._style
        # Each cell its own copy: openpyxl changes a cell's style in place.
        cell._style = None if after is None else StyleArray(after)


def wrap(cell: Cell) -> None:
    """A change for `restyle`: text wrapped, top-aligned."""
    cell.alignment = WRAP

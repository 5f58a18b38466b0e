"""restyle (addin.workbook.restyle) gives every cell the style the change gives it one at a
time, each cell keeping a style of its own (openpyxl changes a cell's style in place)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font

from addin.workbook.restyle import restyle, wrap
from addin.workbook.styles import MONEY


def _money(cell: Cell) -> None:
    cell.number_format = MONEY


def _column(bold_every: int = 3) -> list[Cell]:
    sheet = Workbook().create_sheet("Results")
    cells = [sheet.cell(row, 1, row) for row in range(1, 13)]
    for cell in cells[::bold_every]:
        cell.font = Font(bold=True)
    return cells


def test_each_cell_gets_the_style_the_change_gives_it_alone() -> None:
    together, alone = _column(), _column()
    for cell in alone:
        _money(cell)
        wrap(cell)
    restyle(together, _money)
    restyle(together, wrap)
    restyle(together, wrap)  # again: nothing changes
    for mine, theirs in zip(together, alone, strict=True):
        assert tuple(mine._style) == tuple(theirs._style), mine.coordinate
    assert len({id(cell._style) for cell in together}) == len(together)


def test_a_later_change_to_one_cell_leaves_the_others_alone() -> None:
    cells = _column()
    restyle(cells, wrap)
    restyle(cells, wrap)
    cells[1].number_format = MONEY
    assert [c.number_format == MONEY for c in cells] == [i == 1 for i in range(len(cells))]
    # cells[1] was the one changed; cells[4] (and 2, 5, 7…) were given a copy of its result
    cells[4].number_format = MONEY
    assert [c.number_format == MONEY for c in cells] == [i in (1, 4) for i in range(len(cells))]


def test_cells_never_styled_stay_unstyled_when_the_change_sets_nothing() -> None:
    sheet = Workbook().create_sheet("Empty")
    cells = [sheet.cell(row, 1) for row in range(1, 4)]
    restyle(cells, lambda cell: None)
    assert [cell._style for cell in cells] == [None, None, None]
    assert not any(cell.has_style for cell in cells)

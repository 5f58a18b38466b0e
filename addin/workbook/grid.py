"""From a table's grid of cells (read by any adapter) to raw rows and a cell map.

The openpyxl and calamine readers and the live xlwings workbook all hand their tables over as TableGrids,
so both name the same cells, enforce the same headers and file tables under the same names.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from addin.domain import schema
from addin.domain.cells import as_text
from addin.domain.parse import RawTable
from addin.errors import WorkbookStructureError
from addin.workbook.cellrefs import column_letter
from addin.workbook.layout import TableLayout, WorkbookLayout
from addin.workbook.readable import TEMPLATE_HINT
from addin.workbook.tables_read import WorkbookTables


@dataclass(frozen=True)
class TableGrid:
    name: str
    sheet: str
    top: int  # header row
    left: int  # first column
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]


def _raw(
    path: Path, grid: TableGrid, name: str, required: Iterable[str]
) -> tuple[TableLayout, RawTable]:
    columns = {h: column_letter(grid.left + i) for i, h in enumerate(grid.headers) if h}
    missing = [h for h in required if h not in columns]
    if missing:
        added = set(schema.ADDED_COLUMNS.get(name, ()))
        older = set(missing) <= added
        raise WorkbookStructureError(
            path,
            f"table {grid.name} on sheet {grid.sheet} has no column "
            + ", ".join(f'"{h}"' for h in missing)
            + (" (made by an earlier version?)" if older else " (renamed or deleted header?)"),
            "Type each missing header in the first empty column just right of the table (Excel "
            "extends the table), spelt exactly as shown."
            if older
            else "Restore the header text exactly as in the template.",
        )
    headers = grid.headers
    if all(headers):  # as the comprehension below, without a test per cell
        rows = [dict(zip(headers, values, strict=True)) for values in grid.rows]
    else:
        rows = [{h: v for h, v in zip(headers, values, strict=True) if h} for values in grid.rows]
    layout = TableLayout(
        name=name,
        sheet=grid.sheet,
        header_row=grid.top,
        first_column=grid.left,
        last_row=grid.top + max(1, len(rows)),
        columns=columns,
    )
    if "Field" in columns:
        layout.keys = {as_text(row.get("Field")).casefold(): i for i, row in enumerate(rows)}
    return layout, RawTable(name=name, rows=rows, columns=tuple(h for h in grid.headers if h))


def _missing_tables(path: Path, missing: Sequence[schema.TableSpec]) -> WorkbookStructureError:
    named = ", ".join(f"{spec.name} (sheet {spec.sheet})" for spec in missing)
    if all(spec in schema.ADDED_TABLES for spec in missing):
        return WorkbookStructureError(
            path,
            f"the workbook has no table {named}: it was made by an earlier version of the add-in",
            "Copy the missing sheets from a new workbook (dps new NEW.xlsx --reference REF --lot "
            "N): in Excel, right-click each sheet tab there > Move or Copy… > To book: this "
            "workbook, tick Create a copy. Then fill them in.",
        )
    return WorkbookStructureError(
        path,
        f"there is no table named {named}" if len(missing) == 1 else f"missing tables: {named}",
        "Restore it from the template, or rename the table back in Table Design > Table Name. "
        + TEMPLATE_HINT,
    )


def assemble(
    path: Path, grids: Iterable[TableGrid], specs: Iterable[schema.TableSpec] = schema.TABLES
) -> WorkbookTables:
    """Every table as raw rows; those in `specs` must exist with their headers."""
    found = {grid.name.casefold(): grid for grid in grids}
    specs = tuple(specs)
    missing = [spec for spec in specs if spec.name.casefold() not in found]
    if missing:
        raise _missing_tables(path, missing)
    known = {spec.name.casefold(): spec for spec in (*specs, *schema.LATER_TABLES)}
    layout = WorkbookLayout()
    tables: dict[str, RawTable] = {}
    for key, grid in found.items():
        known_spec = known.get(key)
        # Known tables are filed under their canonical name, whatever case the file uses.
        name = known_spec.name if known_spec else grid.name
        required = known_spec.columns if known_spec else ()
        layout.tables[name], tables[name] = _raw(path, grid, name, required)
    return WorkbookTables(path=path, tables=tables, layout=layout)

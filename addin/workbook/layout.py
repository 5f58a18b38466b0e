"""Where each table sits in a workbook, so problems can name the exact cell."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from addin.domain.problems import FieldRef, Problem
from addin.workbook.cellrefs import cell_ref, column_letter


@dataclass
class TableLayout:
    """One Excel Table: its sheet, header row, and the column letter of each header."""

    name: str
    sheet: str
    header_row: int
    first_column: int
    last_row: int
    columns: dict[str, str]
    # Field | Value tables: data-row index of each field, keyed by lower-cased field name.
    keys: dict[str, int] = field(default_factory=dict)

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1

    def column_letter(self, header: str) -> str:
        return self.columns.get(header) or column_letter(self.first_column)

    def cell(self, ref: FieldRef) -> str:
        if isinstance(ref.row, str):
            index = self.keys.get(ref.row.casefold())
            # A field with no row at all is reported at the table's header.
            row = self.header_row if index is None else self.first_data_row + index
        else:
            row = self.first_data_row + ref.row
        return cell_ref(self.sheet, f"{self.column_letter(ref.column)}{row}")


@dataclass
class WorkbookLayout:
    tables: dict[str, TableLayout] = field(default_factory=dict)

    def cell(self, ref: FieldRef) -> str:
        layout = self.tables.get(ref.table)
        return layout.cell(ref) if layout else f"{ref.table}[{ref.column}]"

    def locate(self, problem: Problem) -> Problem:
        if problem.cells or not problem.fields:
            return problem
        return replace(problem, cells=tuple(self.cell(f) for f in problem.fields))

"""The tables of one workbook as raw rows, with where each sits (any adapter's output)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from addin.domain.parse import RawTable
from addin.workbook.layout import WorkbookLayout


@dataclass
class WorkbookTables:
    """Every table of one workbook, as raw rows, and where each sits."""

    path: Path
    tables: dict[str, RawTable]
    layout: WorkbookLayout

    def find(self, name: str) -> RawTable | None:
        """A table by name, ignoring case as Excel does."""
        key = name.casefold()
        return next((t for n, t in self.tables.items() if n.casefold() == key), None)

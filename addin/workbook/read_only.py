"""A competition workbook on disk that a command only reads (the reg. 84 report).

Its tables come from the calamine reader, as FileWorkbook's do; what it leaves out is the
openpyxl editing side, which is not even imported (about 0.1 s of every `dps report`).
"""

from __future__ import annotations

from pathlib import Path

from addin.workbook.calamine_reader import read_tables
from addin.workbook.tables_read import WorkbookTables


class ReadOnlyWorkbook:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.label = str(path)

    def read(self) -> WorkbookTables:
        return read_tables(self.path)

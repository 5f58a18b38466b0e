"""What a service needs from a workbook, whichever way it is reached.

The CLI works on a file (addin.workbook.file_workbook.FileWorkbook, openpyxl); the ribbon works
on the workbook open in Excel (addin.excel.live_workbook.LiveWorkbook, xlwings). Services take
either, so nothing is computed twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Protocol

from addin.domain.evaluation_input import Task
from addin.workbook.tables_read import WorkbookTables

Row = Mapping[str, object]


class ReadableWorkbook(Protocol):
    """All that a command which only reads needs (the report): every workbook here is one."""

    label: str

    def read(self) -> WorkbookTables:
        """Every table as raw rows (formula results), with where each sits."""
        ...


class CompetitionWorkbook(ReadableWorkbook, Protocol):
    def exclusive(self, command: str, since: datetime) -> AbstractContextManager[object]:
        """Holds off every other writer for a whole read–change–save; refuses when one is busy."""
        ...

    def check_can_save(self) -> None:
        """Raises before any work when the result could not be saved safely."""
        ...

    def set_field(self, field: str, value: object) -> None: ...

    def append_rows(self, table: str, rows: Sequence[Row]) -> None: ...

    def write_lock(self, rows: Sequence[Row]) -> None: ...

    def write_seal(self, rows: Sequence[Row]) -> None: ...

    def protect_launched(self, locked_fields: Sequence[str]) -> None: ...

    def add_evaluator(self, number: int, name: str, tasks: Sequence[Task]) -> None: ...

    def add_missing_tasks(self, number: int, tasks: Sequence[Task]) -> int: ...

    def write_moderation(
        self, headers: Sequence[str], rows: Sequence[Row], flagged: Sequence[int]
    ) -> None: ...

    def write_results(self, results: Sequence[Row], breakdown: Sequence[Row]) -> None: ...

    def write_letters(self, rows: Sequence[Row]) -> None: ...

    def write_award(self, rows: Sequence[Row]) -> None:
        """The Award sheet (tblAward, Field | Value), rewritten whole."""
        ...

    def write_publication(self, rows: Sequence[Row]) -> None:
        """The Publication sheet (tblPublication), rewritten whole."""
        ...

    def save(self, now: datetime) -> str:
        """Makes the changes permanent; returns where (a path, or the open workbook's name)."""
        ...

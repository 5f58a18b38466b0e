"""A competition workbook on disk, edited with openpyxl: the CLI's side of CompetitionWorkbook."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from addin.domain.evaluation_input import Task
from addin.workbook import evaluation_sheets, moderation_sheet, records, results_sheet
from addin.workbook.reader import open_workbook, read_tables
from addin.workbook.safe_save import check_can_save, save_workbook
from addin.workbook.tables import append_rows, set_field, table_in
from addin.workbook.tables_read import WorkbookTables

Row = Mapping[str, object]
LETTERS_SHEET = "Letters"
LETTERS_TABLE = "tblLetters"
LETTERS_COLUMNS = ("Supplier ID", "Outcome", "File", "Generated at")


class FileWorkbook:
    """Reads formula results for the rules; edits a second, full copy that keeps formulas."""

    def __init__(self, path: Path, output: Path | None = None) -> None:
        self.path = path
        self.output = output
        self.label = str(path)
        self._book: Workbook | None = None

    @property
    def book(self) -> Workbook:
        if self._book is None:
            self._book = open_workbook(self.path, data_only=False)
        return self._book

    def read(self) -> WorkbookTables:
        return read_tables(self.path)

    def check_can_save(self) -> None:
        check_can_save(self.path, self.output)

    def set_field(self, field: str, value: object) -> None:
        set_field(self.book, field, value)

    def append_rows(self, table: str, rows: Sequence[Row]) -> None:
        sheet, found = table_in(self.book, table)
        append_rows(sheet, found, rows)

    def write_lock(self, rows: Sequence[Row]) -> None:
        records.write_lock(self.book, rows)

    def protect_launched(self, locked_fields: Sequence[str]) -> None:
        records.protect_launched(self.book, locked_fields)

    def add_evaluator(self, number: int, name: str, tasks: Sequence[Task]) -> None:
        evaluation_sheets.add_evaluator(self.book, number, name, tasks)
        records.keep_audit_last(self.book)

    def add_missing_tasks(self, number: int, tasks: Sequence[Task]) -> int:
        sheet, table = evaluation_sheets.evaluator_tables(self.book)[number]
        return evaluation_sheets.add_missing_tasks(sheet, table, tasks)

    def write_moderation(
        self, headers: Sequence[str], rows: Sequence[Row], flagged: Sequence[int]
    ) -> None:
        moderation_sheet.write_moderation(self.book, headers, rows, flagged)
        records.keep_audit_last(self.book)

    def write_results(self, results: Sequence[Row], breakdown: Sequence[Row]) -> None:
        results_sheet.write_results(self.book, results, breakdown)
        records.keep_audit_last(self.book)

    def write_letters(self, rows: Sequence[Row]) -> None:
        records.write_log_sheet(self.book, LETTERS_SHEET, LETTERS_TABLE, LETTERS_COLUMNS, rows)

    def save(self, now: datetime) -> str:
        return str(save_workbook(self.book, self.path, self.output, now))

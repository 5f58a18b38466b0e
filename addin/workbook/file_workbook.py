"""A competition workbook on disk, edited with openpyxl: the CLI's side of CompetitionWorkbook."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from addin.domain import schema
from addin.domain.evaluation_input import Task
from addin.errors import ChangedDuringRun
from addin.workbook import (
    evaluation_sheets,
    moderation_sheet,
    print_setup,
    records,
    results_sheet,
)
from addin.workbook.cached_values import (
    CachedValues,
    ask_to_recalculate_on_open,
    cached_formula_values,
    write_cached_values,
)
from addin.workbook.calamine_reader import read_tables
from addin.workbook.reader import open_workbook
from addin.workbook.safe_save import check_can_save, save_workbook
from addin.workbook.tables import append_rows, set_field, table_in
from addin.workbook.tables_read import WorkbookTables
from addin.workbook.writer_lock import exclusive

Row = Mapping[str, object]


class FileWorkbook:
    """Reads the tables with calamine (formula results, fast); edits an openpyxl copy that keeps
    formulas, loaded only when the command writes.

    Both come from the file as it was under the writer lock, and the save refuses if the file
    changed on disk meanwhile, so a command never overwrites what someone else saved.
    """

    def __init__(self, path: Path, output: Path | None = None, keep_backups: int = 10) -> None:
        self.path = path
        self.output = output
        self.keep_backups = keep_backups
        self.label = str(path)
        self._book: Workbook | None = None
        self._tables: WorkbookTables | None = None
        self._stamp: tuple[int, int] | None = None
        self._cached: CachedValues = {}

    @contextmanager
    def exclusive(self, command: str, since: datetime) -> Iterator[object]:
        with exclusive(self.path, command, since) as stale:
            yield stale

    def _file_stamp(self) -> tuple[int, int] | None:
        try:
            found = self.path.stat()
        except OSError:
            return None
        return (found.st_mtime_ns, found.st_size)

    @property
    def book(self) -> Workbook:
        if self._book is None:
            self._book = open_workbook(self.path, data_only=False)
            # Before any edit: the results Excel saved for the formulas officers typed, which
            # openpyxl would otherwise drop, so the values the tool reads survive its own save.
            self._cached = cached_formula_values(self._book, self.path)
        return self._book

    def read(self) -> WorkbookTables:
        if self._tables is None:
            self._stamp = self._file_stamp()
            self._tables = read_tables(self.path)
        return self._tables

    def check_can_save(self) -> None:
        check_can_save(self.path, self.output)

    def set_field(self, field: str, value: object) -> None:
        set_field(self.book, field, value)

    def append_rows(self, table: str, rows: Sequence[Row]) -> None:
        sheet, found = table_in(self.book, table)
        append_rows(sheet, found, rows)

    def write_lock(self, rows: Sequence[Row]) -> None:
        records.write_record(self.book, schema.LOCK, rows)

    def write_seal(self, rows: Sequence[Row]) -> None:
        records.write_record(self.book, schema.SEAL, rows)

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
        letters = schema.LETTERS
        records.write_log_sheet(self.book, letters.sheet, letters.name, letters.columns, rows)

    def write_award(self, rows: Sequence[Row]) -> None:
        records.write_visible_record(self.book, schema.AWARD, rows)

    def write_publication(self, rows: Sequence[Row]) -> None:
        records.write_visible_record(self.book, schema.PUBLICATION, rows)

    def save(self, now: datetime) -> str:
        if self._stamp is not None and self._file_stamp() != self._stamp:
            raise ChangedDuringRun(self.path)
        book, cached = self.book, self._cached
        ask_to_recalculate_on_open(book)
        print_setup.lay_out(book)  # rows and sheets this command added read and print well

        def restore_formula_results(temp: Path) -> None:
            write_cached_values(temp, book, cached)

        saved = save_workbook(
            book,
            self.path,
            self.output,
            now,
            keep_backups=self.keep_backups,
            after_save=restore_formula_results,
        )
        return str(saved)

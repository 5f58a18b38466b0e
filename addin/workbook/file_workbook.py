"""A competition workbook on disk, edited with openpyxl: the CLI's side of CompetitionWorkbook."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
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
from addin.workbook.stand_ins import put_back, standable
from addin.workbook.tables import append_rows, set_field, table_in
from addin.workbook.tables_read import WorkbookTables
from addin.workbook.writer_lock import exclusive

Row = Mapping[str, object]
Edit = Callable[[Workbook], object]


class FileWorkbook:
    """Reads the tables with calamine (formula results, fast); edits an openpyxl copy that keeps
    formulas, loaded only when the command saves.

    Both come from the file as it was under the writer lock, and the save refuses if the file
    changed on disk meanwhile, so a command never overwrites what someone else saved.

    Edits wait until the save, when it is known which sheets the command changes: the others
    (the evaluators' tabs when scoring; all but Letters, Competition and Audit for letters)
    are loaded as empty stand-ins and put back byte for byte (addin.workbook.stand_ins), so a
    command costs what it changes, not the size of the workbook.
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
        self._edits: list[Edit] = []
        self._changed_tables: set[str] = {schema.AUDIT.name}  # every command may audit
        self._load_all = False
        self._stand_ins: tuple[str, ...] = ()

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

    def _edit(self, edit: Edit, *tables: str) -> None:
        """Applies `edit` to the openpyxl copy at the save; `tables` are those it changes."""
        self._changed_tables.update(tables)
        if self._book is None:
            self._edits.append(edit)
        else:
            edit(self._book)

    @property
    def book(self) -> Workbook:
        """The openpyxl copy with every edit so far; sheets no edit changes stand in empty."""
        if self._book is None:
            parts = {} if self._load_all else standable(self.path, self._changed_sheets())
            self._stand_ins = tuple(parts)
            self._book = open_workbook(self.path, data_only=False, stand_ins=parts)
            # Before any edit: the results Excel saved for the formulas officers typed, which
            # openpyxl would otherwise drop, so the values the tool reads survive its own save.
            self._cached = cached_formula_values(self._book, self.path)
            for edit in self._edits:
                edit(self._book)
            self._edits.clear()
        return self._book

    def _changed_sheets(self) -> set[str]:
        """The sheets holding a table some edit changes."""
        changed = {name.casefold() for name in self._changed_tables}
        return {t.sheet for t in self.read().layout.tables.values() if t.name.casefold() in changed}

    def read(self) -> WorkbookTables:
        if self._tables is None:
            self._stamp = self._file_stamp()
            self._tables = read_tables(self.path)
        return self._tables

    def check_can_save(self) -> None:
        check_can_save(self.path, self.output)

    def set_field(self, field: str, value: object) -> None:
        self._edit(lambda book: set_field(book, field, value), schema.COMPETITION.name)

    def append_rows(self, table: str, rows: Sequence[Row]) -> None:
        def append(book: Workbook) -> None:
            sheet, found = table_in(book, table)
            append_rows(sheet, found, rows)

        self._edit(append, table)

    def write_lock(self, rows: Sequence[Row]) -> None:
        self._edit(lambda book: records.write_record(book, schema.LOCK, rows), schema.LOCK.name)

    def write_seal(self, rows: Sequence[Row]) -> None:
        self._edit(lambda book: records.write_record(book, schema.SEAL, rows), schema.SEAL.name)

    def protect_launched(self, locked_fields: Sequence[str]) -> None:
        self._edit(
            lambda book: records.protect_launched(book, locked_fields),
            schema.CRITERIA.name,
            schema.COMPETITION.name,
        )

    def add_evaluator(self, number: int, name: str, tasks: Sequence[Task]) -> None:
        def add(book: Workbook) -> None:
            evaluation_sheets.add_evaluator(book, number, name, tasks)
            records.keep_audit_last(book)

        self._edit(add)  # a sheet of its own; the others only move along

    def add_missing_tasks(self, number: int, tasks: Sequence[Task]) -> int:
        # The count is needed now: load every sheet (the evaluator tabs are what changes).
        self._load_all = True
        sheet, table = evaluation_sheets.evaluator_tables(self.book)[number]
        return evaluation_sheets.add_missing_tasks(sheet, table, tasks)

    def write_moderation(
        self, headers: Sequence[str], rows: Sequence[Row], flagged: Sequence[int]
    ) -> None:
        def write(book: Workbook) -> None:
            moderation_sheet.write_moderation(book, headers, rows, flagged)
            records.keep_audit_last(book)

        self._edit(write, schema.MODERATION.name)

    def write_results(self, results: Sequence[Row], breakdown: Sequence[Row]) -> None:
        def write(book: Workbook) -> None:
            results_sheet.write_results(book, results, breakdown)
            records.keep_audit_last(book)

        self._edit(write, schema.RESULTS.name, schema.BREAKDOWN.name)

    def write_letters(self, rows: Sequence[Row]) -> None:
        letters = schema.LETTERS

        def write(book: Workbook) -> None:
            records.write_log_sheet(book, letters.sheet, letters.name, letters.columns, rows)

        self._edit(write, letters.name)

    def write_award(self, rows: Sequence[Row]) -> None:
        award = schema.AWARD
        self._edit(lambda book: records.write_visible_record(book, award, rows), award.name)

    def write_publication(self, rows: Sequence[Row]) -> None:
        publication = schema.PUBLICATION
        self._edit(
            lambda book: records.write_visible_record(book, publication, rows), publication.name
        )

    def save(self, now: datetime) -> str:
        if self._stamp is not None and self._file_stamp() != self._stamp:
            raise ChangedDuringRun(self.path)
        book, cached, stand_ins = self.book, self._cached, self._stand_ins
        ask_to_recalculate_on_open(book)
        # Rows and sheets this command added read and print well; stand-ins are put back as
        # they were.
        print_setup.lay_out(book, skip=stand_ins)

        def finish(temp: Path) -> None:
            put_back(temp, self.path, stand_ins)
            write_cached_values(temp, book, cached)  # formula results in the sheets loaded

        saved = save_workbook(
            book,
            self.path,
            self.output,
            now,
            keep_backups=self.keep_backups,
            after_save=finish,
        )
        return str(saved)

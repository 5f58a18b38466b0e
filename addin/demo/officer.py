"""What the demo's officer and evaluators type into the workbook between the add-in's actions.

This stands in for people typing in Excel, so it writes cells directly; the add-in's own
actions (launch, evaluators, moderate, score, letters) run through their services.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path

from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.table import Table
from openpyxl.worksheet.worksheet import Worksheet

from addin.demo import sample
from addin.domain import schema
from addin.domain.cells import as_text
from addin.domain.schema import MODERATED_SCORE, MODERATION_RATIONALE
from addin.workbook.evaluation_sheets import evaluator_tables
from addin.workbook.reader import find_tables, open_workbook
from addin.workbook.safe_save import save_atomically
from addin.workbook.tables import append_rows

Values = Mapping[str, object]


def _rows(sheet: Worksheet, table: Table) -> tuple[dict[str, int], range]:
    left, top, right, bottom = range_boundaries(table.ref)
    assert left and top and right and bottom
    headers = {as_text(sheet.cell(top, c).value): c for c in range(left, right + 1)}
    return headers, range(top + 1, bottom + 1)


def fill(
    sheet: Worksheet,
    table: Table,
    keys: tuple[str, ...],
    values: Callable[[tuple[str, ...]], Values | None],
) -> None:
    """Types `values(key)` into each row whose key columns give `key`."""
    headers, rows = _rows(sheet, table)
    for r in rows:
        key = tuple(as_text(sheet.cell(r, headers[k]).value) for k in keys)
        for header, value in (values(key) or {}).items():
            sheet.cell(r, headers[header], value)


def answers_for(answers: Mapping[str, Values]) -> Callable[[tuple[str, ...]], Values | None]:
    return lambda key: answers.get(key[0])


def _typing(path: Path, change: Callable[[Workbook], None]) -> None:
    book = open_workbook(path, data_only=False)
    change(book)
    save_atomically(book, path)


def record_bids(path: Path, closing: datetime) -> None:
    received = sample.bids_received(closing)

    def change(book: Workbook) -> None:
        sheet, table = find_tables(book)[schema.BIDS.name.casefold()]
        sheet.protection.sheet = False
        fill(sheet, table, ("Supplier ID",), lambda k: received.get(k[0]))

    _typing(path, change)


def evaluators_score(path: Path, declared: datetime) -> None:
    def change(book: Workbook) -> None:
        found = find_tables(book)
        for number, (sheet, table) in evaluator_tables(book).items():
            declaration = found[schema.declaration_table(number).casefold()][1]
            answers: dict[str, Values] = {
                "Conflict of interest": {"Value": "No"},
                "Declared on": {"Value": declared},
            }
            fill(sheet, declaration, ("Field",), answers_for(answers))
            index = number - 1

            def mark(key: tuple[str, ...], index: int = index) -> Values | None:
                given = sample.MARKS.get((key[0], key[1]))
                return {"Score": given[index][0], "Rationale": given[index][1]} if given else None

            fill(sheet, table, ("Supplier ID", "Criterion ID"), mark)

    _typing(path, change)


def panel_moderates(path: Path) -> None:
    def change(book: Workbook) -> None:
        sheet, table = find_tables(book)[schema.MODERATION.name.casefold()]

        def agreed(key: tuple[str, ...]) -> Values | None:
            decision = sample.MODERATED.get((key[0], key[1]))
            if decision is None:
                return None
            return {MODERATED_SCORE: decision[0], MODERATION_RATIONALE: decision[1]}

        fill(sheet, table, ("Supplier ID", "Criterion ID"), agreed)

    _typing(path, change)


def log_clarifications(path: Path, invitation: date) -> None:
    """The officer logs a question and its answer, shared with every bidder."""

    def change(book: Workbook) -> None:
        sheet, table = find_tables(book)[schema.CLARIFICATIONS.name.casefold()]
        append_rows(sheet, table, sample.clarifications(invitation))

    _typing(path, change)


def record_low_price_decision(path: Path, asked: date) -> None:
    """reg. 69: the date the bidder was asked, the decision and the reasons, on Bids."""
    decisions = sample.low_price_decision(asked)

    def change(book: Workbook) -> None:
        sheet, table = find_tables(book)[schema.BIDS.name.casefold()]
        fill(sheet, table, ("Supplier ID",), lambda k: decisions.get(k[0]))

    _typing(path, change)


def confirm_pre_award(path: Path, on: date) -> None:
    """The officer confirms every check on the winner's evidence before the letters."""
    typed = sample.pre_award_confirmation(on)

    def change(book: Workbook) -> None:
        sheet, table = find_tables(book)[schema.PRE_AWARD.name.casefold()]
        fill(sheet, table, ("Check",), lambda k: typed if k[0] else None)

    _typing(path, change)

"""Evaluator tabs and the Moderation sheet: writing them, and reading them back into the domain.

Each evaluator has a sheet "Eval <name>" with two tables: tblEvalNDeclaration (Field | Value:
Evaluator, Conflict of interest, Declared on) and tblEvalN (one row per bid × scored criterion);
their names and places are in addin.domain.schema.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.table import Table
from openpyxl.worksheet.worksheet import Worksheet

from addin.domain.cells import as_text
from addin.domain.evaluation_input import Task, declaration_rows
from addin.domain.schema import (
    DECLARATION_COLUMNS,
    DECLARATION_TOP,
    EVAL_COLUMNS,
    EVAL_SHEET_PREFIX,
    SCORES_TOP,
    declaration_table,
    eval_number,
    eval_table,
)
from addin.workbook import sheet_text, styles
from addin.workbook.cell_values import put
from addin.workbook.reader import find_tables
from addin.workbook.tables import add_table, append_rows, data_row_count

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name: str, taken: Sequence[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("", f"{EVAL_SHEET_PREFIX}{name}")[:31].strip("' ")
    title, n = base, 2
    while title.casefold() in {t.casefold() for t in taken}:
        title = f"{base[:28]} {n}"
        n += 1
    return title


def evaluator_tables(book: Workbook) -> dict[int, tuple[Worksheet, Table]]:
    """Every evaluator's score table by its number (tblEval1 → 1)."""
    found = {}
    for sheet, table in find_tables(book).values():
        number = eval_number(table.displayName)
        if number is not None:
            found[number] = (sheet, table)
    return dict(sorted(found.items()))


def _scores_validation(sheet: Worksheet, tasks: Sequence[Task], first_row: int) -> None:
    by_max: dict[int, list[int]] = {}
    for offset, task in enumerate(tasks):
        by_max.setdefault(task.max_score, []).append(first_row + offset)
    for top, rows in by_max.items():
        dv = styles.list_validation(
            styles.choices(*(str(n) for n in range(top + 1))), f"A whole score from 0 to {top}."
        )
        for r in rows:
            dv.add(f"E{r}")
        sheet.add_data_validation(dv)


def add_evaluator(book: Workbook, number: int, name: str, tasks: Sequence[Task]) -> Worksheet:
    sheet = book.create_sheet(sheet_title(name, book.sheetnames))
    put(sheet["A1"], sheet_text.evaluator_heading(name), "the evaluator tab's heading")
    sheet["A1"].font = styles.TITLE_FONT
    put(sheet["A2"], sheet_text.EVALUATOR_HINT)
    sheet["A2"].font = styles.HINT_FONT
    declaration = add_table(sheet, declaration_table(number), DECLARATION_COLUMNS, DECLARATION_TOP)
    append_rows(sheet, declaration, declaration_rows(name))
    conflict = styles.list_validation(
        styles.YES_NO_LIST, "Yes or No: do you have a conflict of interest with any bidder?"
    )
    conflict.add(f"B{DECLARATION_TOP + 2}")
    sheet.add_data_validation(conflict)
    declared = sheet[f"B{DECLARATION_TOP + 3}"]
    declared.number_format = styles.DATE
    table = add_table(sheet, eval_table(number), EVAL_COLUMNS, SCORES_TOP)
    append_rows(sheet, table, [t.row() for t in tasks])
    _scores_validation(sheet, tasks, SCORES_TOP + 1)
    for col, width in zip("ABCDEF", (12, 34, 12, 50, 8, 60), strict=True):
        sheet.column_dimensions[col].width = width
    sheet.freeze_panes = f"A{SCORES_TOP + 1}"
    return sheet


def add_missing_tasks(sheet: Worksheet, table: Table, tasks: Sequence[Task]) -> int:
    """Rows for tasks this evaluator does not have yet; existing rows (and scores) untouched."""
    first = int(table.ref.split(":")[0].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) + 1
    count = data_row_count(table)
    have = {
        (as_text(sheet.cell(r, 1).value).casefold(), as_text(sheet.cell(r, 3).value).casefold())
        for r in range(first, first + count)
    }
    missing = [t for t in tasks if t.key not in have]
    if missing:
        append_rows(sheet, table, [t.row() for t in missing])
        _scores_validation(sheet, missing, first + data_row_count(table) - len(missing))
    return len(missing)

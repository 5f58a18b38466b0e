"""Text that looks like a formula stays text on every sheet the tool writes, launch to letters.

A supplier, an evaluator and an officer whose names begin with "=", and reasons that do, are
taken through the whole timeline; the saved workbook is read back with formulas kept
(data_only=False): no cell the tool wrote holds a formula, every such text reads back exactly,
and the audit chain still holds (an officer called "=1+1" used to break it at once).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from addin.demo.officer import confirm_pre_award, evaluators_score, panel_moderates, record_bids
from addin.services.evaluation import create_evaluator_tabs, moderate, score
from addin.services.launch import launch
from addin.services.letters import write_letters
from addin.services.validate import validate_workbook
from addin.workbook.cell_values import put
from addin.workbook.file_workbook import FileWorkbook
from tests.builders import (
    AFTER_CLOSING,
    CLOSING,
    EVALUATORS,
    LAUNCH_TIME,
    MEMBERS,
    PANEL_DAY,
    TODAY,
    build_workbook,
    edit,
    invitations,
)

SUPPLIER = '=HYPERLINK("http://x","y")'
NOTES = "=1+1 see the clarification log"
OFFICER = "=1+1"
EVALUATOR = "=A. Khan"
RATIONALE = '=HYPERLINK("http://x","Strong evidence")'
MODERATION_RATIONALE = "=2+2 panel agreed"


def typed(
    path: Path, sheet_title: str, table: str, column: str, text: str, filled: str | None = None
) -> str:
    """Types `text` (as text, as an officer would with a leading apostrophe) into `column` of the
    first data row of `table` (whose `filled` column is not blank); returns the cell."""
    book = load_workbook(path)
    sheet = book[sheet_title]
    ref = sheet.tables[table].ref
    top = int("".join(ch for ch in ref.split(":")[0] if ch.isdigit()))
    headers = {sheet.cell(top, c).value: c for c in range(1, sheet.max_column + 1)}
    row = top + 1
    while filled and sheet.cell(row, headers[filled]).value in (None, ""):
        row += 1
    cell = sheet.cell(row, headers[column])
    put(cell, text)
    book.save(path)
    return cell.coordinate


def take_through_every_step(path: Path, letters: Path) -> None:
    """Launch → bids → evaluator tabs → marks → moderation → score → letters, all by OFFICER.

    The only place this test calls the services: adapt here when they take a unit of work.
    """
    launch(FileWorkbook(path), OFFICER, LAUNCH_TIME)
    record_bids(path, CLOSING)
    evaluators = [EVALUATOR, *EVALUATORS[1:]]
    create_evaluator_tabs(FileWorkbook(path), evaluators, OFFICER, AFTER_CLOSING)
    evaluators_score(path, AFTER_CLOSING)
    typed(path, f"Eval {EVALUATOR}", "tblEval1", "Rationale", RATIONALE)
    moderate(FileWorkbook(path), OFFICER, PANEL_DAY)
    panel_moderates(path)
    typed(
        path,
        "Moderation",
        "tblModeration",
        "Moderation rationale",
        MODERATION_RATIONALE,
        filled="Moderated score",
    )
    score(FileWorkbook(path), OFFICER, PANEL_DAY)
    confirm_pre_award(path, PANEL_DAY.date())
    write_letters(
        FileWorkbook(path),
        letters,
        OFFICER,
        datetime(2026, 12, 18, 10),
        letter_date=date(2026, 12, 18),
    )


def test_formula_like_text_survives_every_step_as_text(tmp_path: Path) -> None:
    members = edit(MEMBERS, 0, {"Supplier name": SUPPLIER})
    bids = edit(invitations(), 0, {"Supplier name": SUPPLIER, "Notes": NOTES})
    path = build_workbook(tmp_path, members=members, bids=bids)
    formulas_before = {
        (s.title, c.coordinate)
        for s in load_workbook(path).worksheets
        for row in s.iter_rows()
        for c in row
        if c.data_type == "f"
    }

    take_through_every_step(path, tmp_path / "letters")

    book = load_workbook(path, data_only=False)
    cells = [(s.title, c) for s in book.worksheets for row in s.iter_rows() for c in row]
    formulas = {(title, c.coordinate) for title, c in cells if c.data_type == "f"}
    assert formulas <= formulas_before, formulas - formulas_before
    where: dict[str, set[str]] = {}
    for title, cell in cells:
        if isinstance(cell.value, str):
            for text in (SUPPLIER, NOTES, OFFICER, EVALUATOR, RATIONALE, MODERATION_RATIONALE):
                if text in cell.value:
                    where.setdefault(text, set()).add(title)
    assert {"Members", "Bids", f"Eval {EVALUATOR}", "Results"} <= where[SUPPLIER]
    assert "Bids" in where[NOTES]
    assert f"Eval {EVALUATOR}" in where[EVALUATOR] and "Moderation" in where[EVALUATOR]
    assert "Results" in where[RATIONALE] and "Results" in where[MODERATION_RATIONALE]
    audit = book["Audit"]
    whos = [audit.cell(r, 2).value for r in range(4, audit.max_row + 1)]
    assert whos and set(whos) == {OFFICER}
    assert [c.value for t, c in cells if t == "Results" and c.value == SUPPLIER] == [SUPPLIER]

    report = validate_workbook(path, TODAY)
    assert report.unreadable is None and report.errors == []

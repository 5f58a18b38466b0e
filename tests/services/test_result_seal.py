"""The result is sealed when scored: later changes are named cell by cell and stop the letters."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.errors import ActionRefused, EvaluationChangedAfterScoring
from addin.services.evaluation import score
from addin.services.letters import write_letters
from addin.services.report import write_report
from addin.services.validate import validate_workbook
from addin.workbook.file_workbook import FileWorkbook
from tests.builders import PANEL_DAY, scored_workbook

LETTERS_DAY = datetime(2026, 12, 18, 10)


def edit_cell(path: Path, sheet: str, cell: str, value: object) -> None:
    book = load_workbook(path)
    book[sheet].protection.sheet = False
    book[sheet][cell] = value
    book.save(path)


def problem_lines(path: Path) -> list[tuple[str, tuple[str, ...], str]]:
    report = validate_workbook(path, date(2026, 11, 25))
    return [(p.code, p.cells, p.message) for p in report.problems]


def test_a_freshly_scored_competition_validates_clean(tmp_path: Path) -> None:
    assert problem_lines(scored_workbook(tmp_path)) == []


def test_a_price_changed_after_scoring_is_named_with_old_and_new_value(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    edit_cell(path, "Bids", "F5", 40000)  # CCIN-002's price, 48500 when scored
    found = problem_lines(path)
    assert [(code, cells) for code, cells, _ in found] == [
        ("EVALUATION_CHANGED_AFTER_SCORING", ("Bids!F5",))
    ]
    assert "Bid CCIN-002 Price changed from 48500 to 40000" in found[0][2]


def test_a_rationale_changed_after_scoring_is_named_on_the_evaluator_tab(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    edit_cell(path, "Eval B. Lee", "F9", "Rewritten later")
    [(code, cells, message)] = problem_lines(path)
    assert (code, cells) == ("EVALUATION_CHANGED_AFTER_SCORING", ("'Eval B. Lee'!F9",))
    assert "B. Lee CCIN-001 Q1 Rationale changed from" in message


def test_letters_and_report_refuse_while_the_inputs_differ(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    edit_cell(path, "Bids", "F5", 40000)
    with pytest.raises(EvaluationChangedAfterScoring) as caught:
        write_letters(FileWorkbook(path), tmp_path / "letters", None, LETTERS_DAY)
    assert "since it was scored" in str(caught.value)
    assert any("Bids!F5" in p.cells for p in caught.value.problems)
    assert not (tmp_path / "letters").exists()
    with pytest.raises(EvaluationChangedAfterScoring):
        write_report(FileWorkbook(path), tmp_path / "report.docx", LETTERS_DAY)


def test_scoring_again_accepts_the_change(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    # Not abnormally low (reg. 69), so the letters need no decision on it.
    edit_cell(path, "Bids", "F5", 47000)
    score(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    assert problem_lines(path) == []
    write_letters(FileWorkbook(path), tmp_path / "letters", None, LETTERS_DAY)


def test_the_seal_sheet_itself_cannot_be_edited(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    book = load_workbook(path)
    seal = book["Seal"]
    seal.protection.sheet = False
    for row in seal.iter_rows(min_row=4):
        if row[0].value == "Winner":
            row[1].value = "CCIN-001"
    book.save(path)
    [(code, cells, _)] = problem_lines(path)
    assert (code, cells) == ("RESULT_SEAL_ALTERED", ("Seal!B4",))


def test_a_scored_competition_without_its_seal_is_reported(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    book = load_workbook(path)
    del book["Seal"]
    book.save(path)
    [(code, cells, _)] = problem_lines(path)
    assert (code, cells) == ("RESULT_SEAL_MISSING", ("Competition!B19",))


def test_after_letters_scoring_again_needs_a_recorded_reason(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    write_letters(FileWorkbook(path), tmp_path / "letters", None, LETTERS_DAY)
    edit_cell(path, "Bids", "F5", 40000)
    with pytest.raises(ActionRefused, match="letters have already been issued"):
        score(FileWorkbook(path), "Sam Patel", LETTERS_DAY)
    score(FileWorkbook(path), "Sam Patel", LETTERS_DAY, rescore_reason="Price typo corrected")
    book = load_workbook(path)
    audit = [(r[2].value, r[3].value) for r in book["Audit"].iter_rows(min_row=4)]
    assert ("Re-scored after letters (--force)", "Price typo corrected") in audit
    assert book["Competition"]["B19"].value == "Evaluated"
    assert problem_lines(path) == []

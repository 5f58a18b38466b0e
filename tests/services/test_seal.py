"""The result seal: a change after scoring is named at its cell; an edited or missing Seal
sheet is reported as such."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from addin.services.validate import validate_workbook
from tests.builders import PANEL_DAY, scored_workbook


def found(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    return [(p.code, p.cells) for p in validate_workbook(path, PANEL_DAY.date()).problems]


def test_a_change_after_scoring_is_named_at_its_cell(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    book = load_workbook(path)
    book["Bids"]["J4"] = "Accepted"  # a reg. 69 decision typed after scoring
    book.save(path)
    (problem,) = validate_workbook(path, PANEL_DAY.date()).problems
    assert (problem.code, problem.cells) == ("EVALUATION_CHANGED_AFTER_SCORING", ("Bids!J4",))
    assert "Bid CCIN-001 Low price decision changed from blank to Accepted" in problem.message


def test_an_edited_seal_sheet_is_reported(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    book = load_workbook(path)
    seal = book["Seal"]
    seal["B7"] = "tampered"  # the packed values
    book.save(path)
    assert [code for code, _ in found(path)] == ["RESULT_SEAL_ALTERED"]


def test_a_deleted_seal_sheet_is_reported(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    book = load_workbook(path)
    del book["Seal"]
    book.save(path)
    assert found(path) == [("RESULT_SEAL_MISSING", ("Competition!B19",))]

"""Evaluator tabs, moderation and scoring on real workbooks: exact numbers, refusals, no data lost."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.errors import ActionRefused, CriteriaChangedAfterLaunch, ProblemsFound
from addin.services.evaluation import create_evaluator_tabs, moderate, score
from addin.services.validate import validate_workbook
from addin.workbook.file_workbook import FileWorkbook
from tests.builders import (
    AFTER_CLOSING,
    EVALUATORS,
    LAUNCH_TIME,
    PANEL_DAY,
    bids_in_workbook,
    build_workbook,
    launched_workbook,
    marked_workbook,
    moderated_workbook,
    scored_workbook,
)


def codes_and_cells(refused: ProblemsFound) -> list[tuple[str, tuple[str, ...]]]:
    """What the refusal carries: each problem's code and the cells it names."""
    return [(p.code, p.cells) for p in refused.problems]


def test_evaluator_tabs_wait_for_the_closing_date(tmp_path: Path) -> None:
    path = launched_workbook(tmp_path)
    with pytest.raises(ActionRefused, match="before bids close at 12:00 on 11/11/2026"):
        create_evaluator_tabs(FileWorkbook(path), EVALUATORS, "Sam Patel", LAUNCH_TIME)


def test_evaluator_tabs_refuse_a_draft(tmp_path: Path) -> None:
    path = build_workbook(tmp_path)
    with pytest.raises(ActionRefused, match="that is Draft"):
        create_evaluator_tabs(FileWorkbook(path), EVALUATORS, "Sam Patel", AFTER_CLOSING)


def test_one_tab_per_evaluator_with_a_row_per_evaluated_bid_and_question(tmp_path: Path) -> None:
    path = bids_in_workbook(tmp_path)
    result = create_evaluator_tabs(FileWorkbook(path), EVALUATORS, "Sam Patel", AFTER_CLOSING)
    assert result.added == EVALUATORS and result.tasks == 12  # 3 on-time bids × 4 questions
    book = load_workbook(path)
    assert book.sheetnames[-1] == "Audit"
    sheet = book["Eval A. Khan"]
    assert sheet["A9"].value == "CCIN-001" and sheet["C9"].value == "Q1"
    ids = {sheet.cell(r, 1).value for r in range(9, 21)}
    assert ids == {"CCIN-001", "CCIN-002", "CCIN-003"}  # the late CCIN-004 is not evaluated
    assert book["Competition"]["B19"].value == "Closed"
    actions = [book["Audit"].cell(r, 3).value for r in range(4, 7)]
    assert actions == ["Launched", "Closed", "Evaluator tabs created"]


def test_rerunning_keeps_scores_and_adds_a_new_evaluator(tmp_path: Path) -> None:
    path = marked_workbook(tmp_path)
    result = create_evaluator_tabs(
        FileWorkbook(path), [*EVALUATORS, "D. Roy"], "Sam Patel", AFTER_CLOSING
    )
    assert result.added == ["D. Roy"] and result.rows_added == 0
    book = load_workbook(path)
    assert book["Eval A. Khan"]["E9"].value == 4
    assert book["Eval A. Khan"]["F9"].value.startswith("Clear grasp")
    assert book["Eval D. Roy"]["E9"].value is None


def test_bids_must_be_recorded_before_tabs(tmp_path: Path) -> None:
    path = launched_workbook(tmp_path)
    book = load_workbook(path)
    book["Bids"]["D4"] = "Yes"  # received, but no time, compliance or price
    book.save(path)
    with pytest.raises(ProblemsFound) as caught:
        create_evaluator_tabs(FileWorkbook(path), EVALUATORS, "Sam Patel", AFTER_CLOSING)
    assert ("RECEIVED_AT_MISSING", ("Bids!E4",)) in codes_and_cells(caught.value)


def test_moderation_sheet_highlights_spreads_and_keeps_agreed_scores(tmp_path: Path) -> None:
    path = moderated_workbook(tmp_path)
    sheet = load_workbook(path)["Moderation"]
    headers = [c.value for c in sheet[3]]
    assert headers == [
        "Supplier ID",
        "Criterion ID",
        *EVALUATORS,
        "Spread",
        "Moderated score",
        "Moderation rationale",
    ]
    rows = {(sheet.cell(r, 1).value, sheet.cell(r, 2).value): r for r in range(4, 16)}
    q2 = rows[("CCIN-001", "Q2")]
    assert [sheet.cell(q2, c).value for c in range(3, 8)] == [5, 3, 4, 2, 4]
    assert sheet.cell(q2, 1).fill.start_color.rgb.endswith("F8CBAD")
    assert sheet.cell(rows[("CCIN-001", "Q1")], 1).fill.start_color.rgb in ("00000000", None)
    moderate(FileWorkbook(path), "Sam Patel", PANEL_DAY)  # refresh: the agreed score survives
    again = load_workbook(path)["Moderation"]
    assert again.cell(q2, 7).value == 4
    assert again.cell(q2, 8).value.startswith("Panel agreed 4")


def test_scoring_without_moderation_names_every_evaluator_cell(tmp_path: Path) -> None:
    path = marked_workbook(tmp_path)
    with pytest.raises(ProblemsFound) as caught:
        score(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    cells = {c for p in caught.value.problems if p.code == "NEEDS_MODERATION" for c in p.cells}
    assert {"'Eval A. Khan'!E10", "'Eval B. Lee'!E10"} <= cells


def test_score_writes_exact_results_and_moves_to_evaluated(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    book = load_workbook(path)
    sheet = book["Results"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4, max_row=7, max_col=9)]
    # CCIN-003: Q1 5/5×20 + Q2 5/5×25 + Q3 3/5×15 = 54; SV 4/5×10 = 8; price 30 × 48500/59900.
    winner_total = 54 + 8 + Fraction(30 * 48500, 59900)
    assert rows[0][:3] == [1, "CCIN-003", "Commons Policy Lab CIC"]
    assert rows[0][3:5] == [54, 8]
    assert rows[0][7] == pytest.approx(float(winner_total), abs=1e-12)
    assert rows[0][8] == "Winner"
    # CCIN-001: 4/5×20 + 4/5×25 (moderated) + 4/5×15 = 48; 3/5×10 = 6; 30 × 48500/54000.
    assert rows[1][1] == "CCIN-001" and rows[1][7] == pytest.approx(
        float(54 + Fraction(30 * 48500, 54000))
    )
    # CCIN-002: lowest price gets the full 30; 3/5×20 + 3/5×25 + 4/5×15 = 39; 2/5×10 = 4.
    assert rows[2][1] == "CCIN-002" and rows[2][7] == 73
    assert rows[3][1] == "CCIN-004" and rows[3][8] == "Not evaluated"
    assert sheet["H4"].number_format == "0.00"
    assert book["Competition"]["B19"].value == "Evaluated"
    assert book["Audit"].cell(book["Audit"].max_row, 3).value == "Scored"


def test_score_refuses_a_tampered_workbook(tmp_path: Path) -> None:
    path = moderated_workbook(tmp_path)
    book = load_workbook(path)
    book["Criteria"]["D4"] = 25
    book["Criteria"]["D5"] = 20
    book.save(path)
    with pytest.raises(CriteriaChangedAfterLaunch) as caught:
        score(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    assert any("Criteria!D4" in p.cells for p in caught.value.problems)
    assert load_workbook(path)["Competition"]["B19"].value == "Closed"


def test_moderation_problems_name_the_moderation_cells(tmp_path: Path) -> None:
    path = moderated_workbook(tmp_path)
    book = load_workbook(path)
    sheet = book["Moderation"]
    rows = {(sheet.cell(r, 1).value, sheet.cell(r, 2).value): r for r in range(4, 16)}
    q2 = rows[("CCIN-001", "Q2")]
    sheet.cell(q2, 7).value = "four"
    q1 = rows[("CCIN-003", "Q1")]
    sheet.cell(q1, 8).value = None  # an agreed score with no reason
    book.save(path)
    with pytest.raises(ProblemsFound) as caught:
        score(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    found = codes_and_cells(caught.value)
    assert ("MODERATION_SCORE_NOT_A_NUMBER", (f"Moderation!G{q2}",)) in found
    assert ("MODERATION_RATIONALE_MISSING", (f"Moderation!H{q1}",)) in found


def test_a_non_compliant_bid_needs_its_reason(tmp_path: Path) -> None:
    path = bids_in_workbook(tmp_path)
    book = load_workbook(path)
    book["Bids"]["G5"] = "No"  # CCIN-002 judged non-compliant, Notes left blank
    book.save(path)
    with pytest.raises(ProblemsFound) as caught:
        create_evaluator_tabs(FileWorkbook(path), EVALUATORS, "Sam Patel", AFTER_CLOSING)
    assert ("COMPLIANCE_REASON_MISSING", ("Bids!H5",)) in codes_and_cells(caught.value)
    book["Bids"]["H5"] = "No insurance certificate, required by the invitation"
    book.save(path)
    assert create_evaluator_tabs(FileWorkbook(path), EVALUATORS, "Sam Patel", AFTER_CLOSING).tasks


def test_scoring_again_accepts_a_change_made_after_scoring(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    book = load_workbook(path)
    book["Bids"]["H4"] = "Clarified the team's availability"
    book.save(path)
    rescored = score(FileWorkbook(path), "Sam Patel", PANEL_DAY)  # re-makes the seal
    assert rescored.result.winner_id == "CCIN-003"
    assert validate_workbook(path, PANEL_DAY.date()).errors == []


def test_moderate_without_evaluator_tabs_says_moderate(tmp_path: Path) -> None:
    path = bids_in_workbook(tmp_path)
    with pytest.raises(ActionRefused) as caught:
        moderate(FileWorkbook(path), "Sam Patel", AFTER_CLOSING)
    assert str(caught.value).startswith("moderate refused: there are no evaluator tabs yet")

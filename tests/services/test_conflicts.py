"""An evaluator who declares a conflict after closing: excluded from scoring, the measures
recorded, and their tab and marks kept as the record (never deleted)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.demo.officer import panel_moderates
from addin.errors import ProblemsFound
from addin.services.evaluation import moderate, score
from addin.services.report import write_report
from addin.workbook.file_workbook import FileWorkbook
from tests.builders import PANEL_DAY, marked_workbook

MEASURES = "Stood down from scoring; A. Khan and C. Osei score alone"


def lee_declares_a_conflict(path: Path, measures: str | None) -> None:
    book = load_workbook(path)
    book["Eval B. Lee"]["B5"] = "Yes"  # the Conflict of interest cell on her tab
    declarations = book["Declarations"]  # B. Lee is row 6: Conflict C, Details D, Measures E
    declarations["C6"], declarations["D6"] = "Yes", "Her partner works for CCIN-002"
    declarations["E6"] = measures
    book.save(path)


def test_the_measures_must_be_recorded_before_scoring(tmp_path: Path) -> None:
    path = marked_workbook(tmp_path)
    lee_declares_a_conflict(path, None)
    moderate(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    panel_moderates(path)
    with pytest.raises(ProblemsFound) as refused:
        score(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    assert ("CONFLICT_MEASURES_MISSING", ("'Eval B. Lee'!B5", "Declarations!E6")) in [
        (p.code, p.cells) for p in refused.value.problems
    ]


def test_an_excluded_evaluator_s_tab_and_marks_are_kept_and_shown_excluded(
    tmp_path: Path,
) -> None:
    path = marked_workbook(tmp_path)
    lee_declares_a_conflict(path, MEASURES)
    moderate(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    headers = [c.value for c in load_workbook(path)["Moderation"][3]]
    assert headers[2:5] == ["A. Khan", "B. Lee (excluded: conflict of interest)", "C. Osei"]
    panel_moderates(path)
    scored = score(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    assert scored.result.winner_id == "CCIN-003"
    assert any(w.code == "CONFLICT_OF_INTEREST" and "kept" in w.message for w in scored.warnings)
    book = load_workbook(path)
    assert book["Eval B. Lee"]["E9"].value == 4  # her marks are still there
    audit = book["Audit"]
    assert "excluded for a conflict of interest: B. Lee" in audit.cell(audit.max_row, 4).value
    # The report states both declarations, and the measures taken, once each.
    report = write_report(FileWorkbook(path), tmp_path / "report.md", PANEL_DAY).read_text()
    assert (
        "| B. Lee | Evaluator (on their tab) | Yes | Excluded from scoring; their tab and marks "
        f"are kept | {MEASURES} | 12 November 2026 |"
    ) in report
    assert (
        f"| B. Lee | Evaluator | Yes | Her partner works for CCIN-002 | {MEASURES} | "
        "26 October 2026 |"
    ) in report
    assert report.count("## Declarations of interest") == 1

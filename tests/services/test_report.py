"""The reg. 84 evaluation report, as Markdown and as Word."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from addin.errors import ActionRefused, DpsError
from addin.services.report import write_report
from addin.workbook.file_workbook import FileWorkbook
from tests.builders import PANEL_DAY, build_workbook, scored_workbook


@pytest.fixture
def scored(tmp_path: Path) -> Path:
    return scored_workbook(tmp_path)


def test_markdown_report_records_everything_reg_84_asks(scored: Path, tmp_path: Path) -> None:
    text = write_report(FileWorkbook(scored), tmp_path / "report.md", PANEL_DAY).read_text()
    for expected in (
        "| Reference | CCIN-2026-014 |",
        "| Q2 | Quality | Approach to co-design with residents, officers and members | 25 | 5 | 2 |",
        "| A. Khan | No | 12/11/2026 |",
        "| CCIN-001 | Q2 | B. Lee | 3 | 5 | Good methods but member involvement thin |",
        "| CCIN-001 | Q2 | 4 | Panel agreed 4: strong resident co-design, weaker on members' role |",
        "| 1 | Commons Policy Lab CIC (CCIN-003) | 54.00 | 8.00 | 24.29 | 86.29 | Winner |",
        "Bid received at 12:02 on 11 November 2026 (UK time), 2 minutes after the 12:00 "
        "closing time on 11 November 2026",
        'Smith & Sons &lt;Consulting&gt; "Co-op"',
        "| Sam Patel | Launched |",
    ):
        assert expected in text, expected


def test_word_report_has_the_same_content(scored: Path, tmp_path: Path) -> None:
    out = write_report(FileWorkbook(scored), tmp_path / "report.docx", PANEL_DAY)
    doc = Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Moderation decisions" in headings and "Audit trail" in headings
    cells = {c.text for t in doc.tables for r in t.rows for c in r.cells}
    assert 'Smith & Sons <Consulting> "Co-op"' in cells
    assert "86.29" in cells


def test_report_refuses_a_draft_and_bad_suffix(tmp_path: Path) -> None:
    draft = build_workbook(tmp_path)
    with pytest.raises(ActionRefused):
        write_report(FileWorkbook(draft), tmp_path / "r.md", PANEL_DAY)
    with pytest.raises(DpsError, match=r"\.docx or \.md"):
        write_report(FileWorkbook(draft), tmp_path / "r.pdf", PANEL_DAY)


def test_the_report_states_what_was_decided_around_the_evaluation(
    scored: Path, tmp_path: Path
) -> None:
    text = write_report(FileWorkbook(scored), tmp_path / "report.md", PANEL_DAY).read_text()
    for expected in (
        "Published before launch and locked with the criteria: Higher Quality + Social Value "
        "points; then the panel's recorded decision.",
        "## Clarifications\n\nNone.",
        "## Late bids accepted\n\nNone: every bid received after the closing time was not "
        "evaluated.",
        "| Sam Patel | Officer | No |  |  | 26/10/2026 |",
        "| Commons Policy Lab CIC (CCIN-003) | Supplier prior involvement | Yes | Ran the "
        "council's 2025 discovery work",
        "## Abnormally low prices (reg. 69)\n\nNone: no price was flagged",
        "| Any other certificates or evidence the invitation required | 16/11/2026 | Sam Patel |",
    ):
        assert expected in text, expected

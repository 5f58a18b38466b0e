from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.cli.main import main


def test_new_creates_a_workbook_with_reference_and_lot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "CCIN-2026-020.xlsx"
    assert main(["new", str(out), "--reference", "CCIN-2026-020", "--lot", "2"]) == 0
    sheet = load_workbook(out)["Competition"]
    assert (sheet["B4"].value, sheet["B7"].value, sheet["B19"].value) == (
        "CCIN-2026-020",
        2,
        "Draft",
    )


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "a.xlsx"
    out.write_text("officer's own file")
    assert main(["new", str(out), "--reference", "R", "--lot", "1"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_text() == "officer's own file"


def test_demo_runs_end_to_end_and_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", str(tmp_path)]) == 0
    assert main(["demo", str(tmp_path)]) == 0  # a second run replays from scratch
    out = capsys.readouterr().out
    assert "CCIN-2026-014.xlsx: 0 error(s), 0 warning(s)" in out
    assert "   1  CCIN-003   Commons Policy Lab CIC" in out
    assert len(list((tmp_path / "letters").glob("*.docx"))) == 4
    assert (tmp_path / "CCIN-2026-014 evaluation report.docx").exists()
    # The other ending, on a copy: every bidder told the competition was abandoned.
    assert len(list((tmp_path / "if-abandoned" / "letters").glob("*_abandoned.docx"))) == 4
    assert (tmp_path / "if-abandoned" / "CCIN-2026-014 evaluation report.docx").exists()
    book = load_workbook(tmp_path / "CCIN-2026-014.xlsx")
    assert book["Competition"]["B19"].value == "Awarded"

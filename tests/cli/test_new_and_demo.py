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
    book = load_workbook(tmp_path / "CCIN-2026-014.xlsx")
    assert book["Competition"]["B19"].value == "Awarded"
    assert "with no challenge recorded" in out
    assert "OCDS release package: CCIN-2026-014_ocds.json" in out
    assert (tmp_path / "CCIN-2026-014_ocds.json").exists()
    assert "Register: 5 call-offs by 4 councils" in out
    assert "Register by lot: Lot 1 3 call-offs" in out
    register = load_workbook(tmp_path / "CCIN DPS register.xlsx")
    assert len(register["Summary"]._charts) == 1


def test_demo_keeps_what_it_did_not_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", str(tmp_path)]) == 0
    mine = tmp_path / "letters" / "my notes.txt"
    mine.write_text("officer's own")
    (tmp_path / "backups" / "keep.xlsx").write_text("not the demo's")
    assert main(["demo", str(tmp_path)]) == 0
    assert mine.read_text() == "officer's own"
    assert (tmp_path / "backups" / "keep.xlsx").exists()
    assert len(list((tmp_path / "letters").glob("*.docx"))) == 4


def test_demo_refuses_a_folder_it_did_not_make(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "real letter.docx").write_text("issued last year")
    assert main(["demo", str(tmp_path)]) == 2
    assert "already holds files that the demo did not write" in capsys.readouterr().err
    assert (tmp_path / "letters" / "real letter.docx").read_text() == "issued last year"
    assert not (tmp_path / "CCIN-2026-014.xlsx").exists()

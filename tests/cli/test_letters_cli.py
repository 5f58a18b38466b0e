"""`dps letters` after an interrupted run: what the officer is told, and the exit codes."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from addin.cli.main import main
from addin.services.letters import write_letters
from addin.workbook.file_workbook import FileWorkbook
from tests.builders import scored_workbook


def test_a_rerun_says_what_it_replaced_and_what_it_completed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = scored_workbook(tmp_path)
    out = tmp_path / "letters"
    # Letters made by a run whose workbook was never saved: they are not on its Letters sheet.
    unsaved = Path(shutil.copy(book, tmp_path / "unsaved.xlsx"))
    write_letters(FileWorkbook(unsaved), out, None, datetime(2026, 12, 18, 10))
    args = ["letters", str(book), "--out", str(out), "--date", "2026-12-18"]

    assert main(args) == 0
    said = capsys.readouterr().out
    assert (
        "Replaced 4 letter(s) left by an interrupted run (the workbook never recorded them)."
        in said
    )

    (out / "CCIN-2026-014_CCIN-002_unsuccessful.docx").unlink()
    assert main(args) == 0
    said = capsys.readouterr().out
    assert (
        "Completing an interrupted run: the workbook records these letters, dated 18/12/2026, "
        f"but they were missing from {out}." in said
    )
    assert f"Wrote {out / 'CCIN-2026-014_CCIN-002_unsuccessful.docx'}" in said
    assert "Wrote" not in said.replace(
        f"Wrote {out / 'CCIN-2026-014_CCIN-002_unsuccessful.docx'}", ""
    )

    assert main(args) == 1  # a refusal: everything is issued and in place
    assert "already issued" in capsys.readouterr().err

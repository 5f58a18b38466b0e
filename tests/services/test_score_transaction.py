"""`dps score` saves once, at the end: a failure between writing the results and saving leaves
the workbook as it was, and scoring again works."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from addin.errors import WriteFailed
from addin.services.evaluation import score
from addin.services.validate import validate_workbook
from addin.workbook.file_workbook import FileWorkbook
from addin.workbook.reader import read_tables
from tests.builders import PANEL_DAY, moderated_workbook


def test_a_failure_after_the_results_are_written_and_before_the_save_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = moderated_workbook(tmp_path)
    before = path.read_bytes()
    written: list[int] = []
    real_write = FileWorkbook.write_results

    def write_then_note(self: FileWorkbook, *args: object) -> None:
        real_write(self, *args)  # type: ignore[arg-type]
        written.append(1)

    def disk_full(self: FileWorkbook, now: object) -> str:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(FileWorkbook, "write_results", write_then_note)
        patched.setattr(FileWorkbook, "save", disk_full)
        with pytest.raises((OSError, WriteFailed)):
            score(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    assert written == [1]  # the failure came after the results were written (in memory)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []

    scored = score(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    assert scored.result.winner_id == "CCIN-003"
    tables = read_tables(path).tables
    assert [r["Supplier ID"] for r in tables["tblResults"].rows][:1] == ["CCIN-003"]
    assert [r["Action"] for r in tables["tblAudit"].rows].count("Scored") == 1
    assert validate_workbook(path, PANEL_DAY.date()).errors == []

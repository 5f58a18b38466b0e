"""One writer at a time: two real `dps` processes on one workbook never lose an audit row."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from addin.services.validate import validate_workbook
from addin.workbook.writer_lock import exclusive, lock_path
from tests.builders import TODAY, moderated_workbook

DPS = [sys.executable, "-m", "addin.cli.main"]


def dps(*args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*DPS, *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )


def audit_rows(path: Path) -> int:
    sheet = load_workbook(path)["Audit"]
    return sum(1 for row in sheet.iter_rows(min_row=4) if row[0].value is not None)


def test_a_second_writer_is_refused_at_once_naming_the_holder(tmp_path: Path) -> None:
    path = moderated_workbook(tmp_path)
    before = path.read_bytes()
    with exclusive(path, "score", datetime(2026, 11, 16, 10, 0, 5)):
        run = dps("moderate", str(path), cwd=tmp_path)
        _, err = run.communicate(timeout=60)
    assert run.returncode == 1
    assert f"{path} is being changed by `dps score`" in err  # the workbook, not its lock file
    assert "since 2026-11-16 10:00:05 UK time" in err
    assert f"delete {lock_path(path).name} beside the workbook" in err
    assert ".~dps-lock-.~dps-lock-" not in err
    assert "Traceback" not in err
    assert path.read_bytes() == before
    assert not lock_path(path).exists()  # released by its holder


def test_a_lock_left_by_a_crashed_command_is_taken_over(tmp_path: Path) -> None:
    path = moderated_workbook(tmp_path)
    crashed = {"command": "score", "user": "sam", "host": "pc1", "pid": 999999, "since": "x"}
    lock_path(path).write_text(json.dumps(crashed), encoding="utf-8")  # no process holds it
    run = dps("moderate", str(path), cwd=tmp_path)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 0, err
    assert "Moderation sheet refreshed" in out
    assert not lock_path(path).exists()


def test_two_writers_at_once_never_lose_an_audit_row(tmp_path: Path) -> None:
    path = moderated_workbook(tmp_path)
    expected = audit_rows(path)
    for _ in range(4):
        runs = [
            dps("moderate", str(path), cwd=tmp_path),
            dps("score", str(path), cwd=tmp_path),
        ]
        for run, rows_added in zip(runs, (1, 1), strict=True):
            _, err = run.communicate(timeout=120)
            if run.returncode == 0:
                expected += rows_added
            else:
                assert run.returncode == 1 and "is being changed by" in err, err
    assert audit_rows(path) == expected
    assert validate_workbook(path, TODAY).errors == []

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.cli.main import main
from tests.builders import CRITERIA, build_workbook, edit, live_fields


def test_launch_then_launch_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = build_workbook(tmp_path, fields=live_fields())
    assert main(["launch", str(path), "--officer", "Sam Patel"]) == 0
    out = capsys.readouterr().out
    assert "Launched" in out and "Fingerprint: " in out
    assert main(["launch", str(path), "--officer", "Sam Patel"]) == 1
    err = capsys.readouterr().err
    assert "launch refused: cannot launch a competition that is Launched" in err
    assert "Traceback" not in err
    new_closing = (date.today() + timedelta(days=21)).strftime("%Y-%m-%d 12:00")
    assert main(["extend", str(path), "--closing", new_closing, "--reason", "Q&A published"]) == 0
    assert load_workbook(path)["Audit"]["C5"].value == "Deadline extended"


def test_launch_with_errors_lists_them_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = build_workbook(
        tmp_path, fields=live_fields(), criteria=edit(CRITERIA, 0, {"Weight %": 25})
    )
    assert main(["launch", str(path), "--officer", "Sam Patel"]) == 1
    err = capsys.readouterr().err
    assert "cannot be launched: 1 error(s)" in err
    assert "WEIGHTS_NOT_100  Criteria!D4:D8" in err


def test_extend_with_a_bad_date_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["extend", "x.xlsx", "--closing", "next week", "--reason", "r"])
    assert exc.value.code == 2

"""The after-closing commands as an officer runs them, on the real clock."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from addin.cli.main import main
from addin.demo import sample
from addin.demo.officer import confirm_pre_award, evaluators_score, panel_moderates, record_bids
from addin.domain.standstill import describe_standstill_end, standstill_end
from addin.letters.calendar import bank_holidays_after
from addin.services.launch import launch
from addin.workbook.file_workbook import FileWorkbook
from tests.builders import build_workbook


@pytest.fixture
def closed(tmp_path: Path) -> Path:
    """Invited four weeks ago, launched then, closed two weeks ago, bids recorded."""
    invitation = date.today() - timedelta(days=28)
    path = build_workbook(tmp_path, fields=sample.competition_fields(invitation))
    launch(FileWorkbook(path), "Sam Patel", datetime.combine(invitation, time(9)))
    record_bids(path, sample.closing_for(invitation))
    return path


def test_the_whole_evaluation_from_the_command_line(
    closed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = str(closed)
    assert main(["evaluators", book, "--names", "A. Khan, B. Lee, C. Osei"]) == 0
    assert "Added tabs for A. Khan, B. Lee, C. Osei: 12 rows each." in capsys.readouterr().out
    evaluators_score(closed, datetime.now())
    assert main(["score", book]) == 1
    assert "NEEDS_MODERATION" in capsys.readouterr().err
    assert main(["moderate", book]) == 0
    assert "1 row(s) differ by 2 or more points" in capsys.readouterr().out
    panel_moderates(closed)
    assert main(["score", book]) == 0
    out = capsys.readouterr().out
    assert "   1  CCIN-003   Commons Policy Lab CIC" in out and "86.29  Winner" in out
    confirm_pre_award(closed, date.today())
    assert main(["letters", book, "--out", str(tmp_path / "letters"), "--dry-run"]) == 0
    assert "Would write" in capsys.readouterr().out
    # Letters are dated today or later (the real clock here): a week ahead.
    sent = date.today() + timedelta(days=7)
    letters = ["letters", book, "--out", str(tmp_path / "letters"), "--date", sent.isoformat()]
    assert main(letters) == 0
    out = capsys.readouterr().out
    ends = standstill_end(sent, 10, bank_holidays_after(sent, 10))
    assert ends is not None
    assert f"Standstill ends at {describe_standstill_end(ends)}." in out
    assert main(["letters", book, "--out", str(tmp_path / "letters")]) == 1
    assert "already issued" in capsys.readouterr().err
    assert main(["report", book, "--out", str(tmp_path / "report.md")]) == 0
    assert "| 86.29 | Winner |" in (tmp_path / "report.md").read_text()


def test_accept_late_from_the_command_line(
    closed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = str(closed)
    with pytest.raises(SystemExit) as usage:
        main(["accept-late", book, "CCIN-004"])
    assert usage.value.code == 2 and "--reason" in capsys.readouterr().err
    assert main(["accept-late", book, "CCIN-004", "--reason", "Portal failure at 11:50"]) == 0
    assert "Accepted the late bid from CCIN-004" in capsys.readouterr().out
    assert main(["accept-late", book, "CCIN-004", "--reason", "again"]) == 0
    assert "already accepted; nothing changed" in capsys.readouterr().out
    assert main(["accept-late", book, "CCIN-001", "--reason", "x"]) == 1
    assert "arrived on time" in capsys.readouterr().err
    assert main(["evaluators", book, "--names", "A. Khan"]) == 0
    assert "16 rows each" in capsys.readouterr().out
    assert main(["accept-late", book, "CCIN-004", "--reason", "x"]) == 1
    assert "evaluator tabs have been created" in capsys.readouterr().err


def test_tie_break_needs_a_reason(closed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(closed), "--tie-break", "CCIN-001"]) == 2
    assert "--tie-break needs --reason" in capsys.readouterr().err


def test_evaluators_before_closing_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = build_workbook(tmp_path, fields=sample.competition_fields(date.today()))
    launch(FileWorkbook(path), "Sam Patel", datetime.now())
    assert main(["evaluators", str(path), "--names", "A. Khan"]) == 1
    assert "bids must stay sealed" in capsys.readouterr().err


def test_addin_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["addin", "build", str(tmp_path / "ccin-dps.xlam")]) == 0
    assert (tmp_path / "ccin-dps.xlam").stat().st_size > 10_000

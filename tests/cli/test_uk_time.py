"""Decisions are made in UK time whatever the machine's time zone, across the BST change."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin import clock
from addin.cli.main import main
from tests.builders import launched_workbook

ZONES = ["UTC", "Europe/London", "Asia/Tokyo", "America/New_York"]
# Closing at 12:00 UK time on 14 April 2027 (BST, UTC+1): 11:00 UTC.
SUMMER = {
    "Invitation date": datetime(2027, 3, 26),
    "Closing date": datetime(2027, 4, 14, 12, 0),
    "Contract start": datetime(2027, 5, 3),
    "Contract end": datetime(2027, 12, 31),
}


@pytest.fixture(params=ZONES)
def machine_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield str(request.param)
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def fix_clock(monkeypatch: pytest.MonkeyPatch, utc: datetime) -> None:
    monkeypatch.setattr(clock, "_instant", lambda: utc.replace(tzinfo=timezone.utc))


def summer_competition(folder: Path) -> Path:
    return launched_workbook(folder, fields=SUMMER)


def extend(path: Path) -> int:
    return main(["extend", str(path), "--closing", "2027-04-21 12:00", "--reason", "Portal outage"])


def test_uk_now_follows_bst_not_the_machine(
    machine_zone: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fix_clock(monkeypatch, datetime(2027, 3, 28, 0, 30))  # BST starts at 01:00 UTC that day
    assert clock.uk_now() == datetime(2027, 3, 28, 0, 30)
    fix_clock(monkeypatch, datetime(2027, 3, 28, 1, 30))
    assert clock.uk_now() == datetime(2027, 3, 28, 2, 30)


def test_extend_is_refused_thirty_minutes_after_a_bst_closing(
    machine_zone: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = summer_competition(tmp_path)
    fix_clock(monkeypatch, datetime(2027, 4, 14, 11, 30))  # 12:30 UK time
    assert extend(path) == 1
    assert "cannot extend a competition that is Closed" in capsys.readouterr().err


def test_extend_is_accepted_thirty_minutes_before_a_bst_closing(
    machine_zone: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = summer_competition(tmp_path)
    fix_clock(monkeypatch, datetime(2027, 4, 14, 10, 30))  # 11:30 UK time
    assert extend(path) == 0, capsys.readouterr().err
    book = load_workbook(path)
    last = [r for r in book["Audit"].iter_rows(min_row=4) if r[0].value][-1]
    assert last[0].value == datetime(2027, 4, 14, 11, 30)  # recorded in UK time

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.cli.main import main
from tests.builders import build_workbook, invitations, launched_workbook


def test_invite_adds_every_missing_active_lot_member(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = build_workbook(tmp_path, bids=invitations(["CCIN-002"]))
    assert main(["invite", str(path)]) == 0
    out = capsys.readouterr().out
    assert "3 supplier(s) added to Bids." in out
    sheet = load_workbook(path)["Bids"]
    assert [sheet.cell(r, 1).value for r in range(4, 8)] == [
        "CCIN-002",
        "CCIN-001",
        "CCIN-003",
        "CCIN-004",
    ]
    assert sheet["C5"].value == "Yes"
    assert main(["validate", str(path)]) == 0
    assert main(["invite", str(path)]) == 0
    assert "Everyone on the lot is listed." in capsys.readouterr().out


def test_invite_after_launch_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = launched_workbook(tmp_path)
    assert main(["invite", str(path)]) == 1
    assert "cannot invite a competition that is" in capsys.readouterr().err

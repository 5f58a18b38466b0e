"""dps challenge, dps award and dps ocds from the command line, on a fixed UK clock."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from addin import clock
from addin.cli.main import main
from tests.builders import standstill_workbook


def at(monkeypatch: pytest.MonkeyPatch, utc: datetime) -> None:
    monkeypatch.setattr(clock, "_instant", lambda: utc.replace(tzinfo=timezone.utc))


AWARD = ["--signed", "2026-12-30", "--value-ex-vat", "52,000", "--value-inc-vat", "£62400"]


def test_award_waits_for_the_standstill_and_a_resolved_challenge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    book = str(standstill_workbook(tmp_path))
    monkeypatch.delenv("DPS_OCID_PREFIX", raising=False)
    at(monkeypatch, datetime(2026, 12, 29, 23, 59, 59))  # GMT: the standstill's last second
    assert main(["award", book, *AWARD]) == 1
    assert "award refused: the standstill has not ended" in capsys.readouterr().err

    at(monkeypatch, datetime(2026, 12, 29, 16))
    args = ["challenge", book, "--received", "2026-12-29", "--details", "Letter before claim"]
    assert main(args) == 0
    assert "the award is on hold (reg. 95)" in capsys.readouterr().out
    at(monkeypatch, datetime(2026, 12, 30, 10))
    assert main(["award", book, *AWARD]) == 1
    assert "is open, which suspends the award" in capsys.readouterr().err

    assert main(["challenge", book, "--resolved", "2026-12-30", "--details", "Withdrawn"]) == 0
    capsys.readouterr()
    assert main(["award", book, *AWARD, "--out", str(tmp_path / "sent")]) == 0
    out, err = capsys.readouterr()
    assert "status Awarded to Commons Policy Lab CIC" in out
    assert "Find a Tender: Contract award notice (reg. 50) — due by 29 January 2027" in out
    assert "warning: the ocid prefix is the placeholder ocds-xxxxxx" in err
    assert (tmp_path / "sent" / "CCIN-2026-014_ocds.json").exists()


def test_ocds_takes_the_prefix_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    book = str(standstill_workbook(tmp_path))
    monkeypatch.setenv("DPS_OCID_PREFIX", "ocds-ab12cd")
    at(monkeypatch, datetime(2026, 12, 21, 9))
    assert main(["ocds", book, "--out", str(tmp_path / "r.json")]) == 0
    out, err = capsys.readouterr()
    assert "ocid ocds-ab12cd-CCIN-2026-014, tags tender, award" in out
    assert err == ""
    package = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert package["releases"][0]["awards"][0]["status"] == "pending"
    assert main(["ocds", book, "--out", str(tmp_path / "r.json"), "--ocid-prefix", "bad"]) == 2
    assert '"bad" is not an OCDS ocid prefix' in capsys.readouterr().err


def test_award_rejects_an_amount_that_is_not_a_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as usage:
        main(
            [
                "award",
                "x.xlsx",
                "--signed",
                "2026-12-30",
                "--value-ex-vat",
                "lots",
                "--value-inc-vat",
                "1",
            ]
        )
    assert usage.value.code == 2
    assert '"lots" is not an amount' in capsys.readouterr().err

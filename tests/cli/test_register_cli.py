"""dps register over workbooks and OCDS files: the register workbook, duplicates, unreadable
files, inconsistent records and the exit codes of dps validate."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.cli.main import main
from addin.demo.other_councils import CALL_OFFS, write_call_offs
from tests.builders import awarded_workbook


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What Oldham received: one awarded workbook (with its own OCDS file) and four OCDS files."""
    folder = tmp_path_factory.mktemp("sent")
    awarded_workbook(folder / "oldham")
    write_call_offs(folder / "others", "ocds-test01")
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["register", *args])
    return code, capsys.readouterr().out


def test_a_register_of_both_lots_and_several_councils(
    sent: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "register.xlsx"
    code, text = run(
        capsys,
        str(sent / "oldham" / "competition.xlsx"),
        str(sent / "others"),
        "--out",
        str(out),
    )
    assert code == 0
    assert "Call-offs: 5 listed, 5 awarded" in text
    # 52,000 + 84,500 + 46,250 + 128,000 + 39,900 = 350,650: 1.2 % of £30m.
    assert "Awarded: £350,650.00 excl. VAT (£395,180.00 incl. VAT), 1.2 % of the" in text
    assert "By lot: Lot 1: 3 (£182,750.00, 52.1 %); Lot 2: 2 (£167,900.00, 47.9 %)" in text
    assert "By quarter: 2026 Q4: 3 (£182,750.00); 2027 Q1: 2 (£167,900.00)" in text
    book = load_workbook(out)
    assert book.sheetnames == ["Summary", "Call-offs", "Cumulative", "Problems"]
    calls = book["Call-offs"]
    header = [c.value for c in calls[1]]
    rows = [
        dict(zip(header, (c.value for c in r), strict=True)) for r in calls.iter_rows(min_row=2)
    ]
    oldham = next(r for r in rows if r["Council"] == "Oldham Council")
    assert (oldham["Supplier"], oldham["SME"], oldham["VCSE"]) == (
        "Commons Policy Lab CIC",
        "Yes",
        "Yes",
    )
    assert (oldham["Invited"], oldham["Bids"], oldham["Value excl. VAT (GBP)"]) == (4, 4, 52000)
    assert oldham["Status"] == "Awarded"
    assert str(oldham["Standstill end"]) == "2026-12-29 23:59:59"
    westbridge = next(r for r in rows if r["Reference"] == "WCC-0442")
    assert (westbridge["Lot"], westbridge["VCSE"], westbridge["Invited"]) == (2, "Yes", 4)


def test_the_summary_has_a_native_chart_of_cumulative_value_against_the_maximum(
    sent: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "register.xlsx"
    run(capsys, str(sent / "others"), "--out", str(out))
    book = load_workbook(out)
    charts = book["Summary"]._charts
    assert len(charts) == 1
    series = charts[0].series
    assert [s.val.numRef.f for s in series] == ["'Cumulative'!$E$2:$E$5", "'Cumulative'!$F$2:$F$5"]
    cumulative = [r[4].value for r in book["Cumulative"].iter_rows(min_row=2)]
    assert cumulative == [84500, 130750, 258750, 298650]
    assert {r[5].value for r in book["Cumulative"].iter_rows(min_row=2)} == {30000000}


def test_the_same_call_off_as_workbook_and_as_ocds_is_counted_once(
    sent: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = run(capsys, str(sent / "oldham"))  # the folder holds both
    assert code == 0
    assert "WARNING CALL_OFF_DUPLICATE" in text
    assert "CCIN-2026-014_ocds.json: /releases/0/tender/id; " in text
    assert "Call-offs: 1 listed, 1 awarded" in text


def test_unreadable_files_are_reported_and_the_rest_still_counted(
    sent: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.xlsx").write_text("not a workbook", encoding="utf-8")
    (tmp_path / "cut.json").write_text('{"releases": [', encoding="utf-8")
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    code, text = run(capsys, str(tmp_path), str(sent / "others"), "--format", "json")
    assert code == 2
    report = json.loads(text)
    assert sorted(Path(u["path"]).name for u in report["unreadable"]) == [
        "cut.json",
        "list.json",
        "notes.xlsx",
    ]
    assert report["summary"]["awarded"] == 4
    assert report["summary"]["total_ex_vat"] == 298650.0  # 84,500 + 46,250 + 128,000 + 39,900
    assert report["summary"]["quarters"][0] == {
        "name": "2026 Q4",
        "count": 2,
        "value": 130750.0,
        "value_percent": 43.8,
        "count_percent": 50.0,
    }


def test_an_inconsistent_record_is_an_error_and_not_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = replace(CALL_OFFS[0], value_inc_vat=Decimal("80000"))  # less than £84,500 excl. VAT
    write_call_offs(tmp_path, "ocds-test01", (wrong, CALL_OFFS[1]))
    code, text = run(capsys, str(tmp_path))
    assert code == 1
    assert "ERROR   CALL_OFF_INCONSISTENT" in text
    assert "NBC-CCIN-031_ocds.json: /releases/0/contracts/0/value/amountGross" in text
    assert "Call-offs: 1 listed, 1 awarded" in text


def test_the_maximum_exceeded_fails_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = replace(
        CALL_OFFS[2], value_ex_vat=Decimal("30000000.01"), value_inc_vat=Decimal("36000000")
    )
    write_call_offs(tmp_path, "ocds-test01", (big,))
    code, text = run(capsys, str(tmp_path))
    assert code == 1
    assert "ERROR   DPS_MAXIMUM_EXCEEDED" in text


def test_copying_a_workbook_under_another_name_is_still_one_call_off(
    sent: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = sent / "oldham" / "competition.xlsx"
    shutil.copy(original, tmp_path / "copy.xlsx")
    code, text = run(capsys, str(original), str(tmp_path / "copy.xlsx"))
    assert code == 0
    assert "copy.xlsx: Competition!B4; " in text and "Call-offs: 1 listed" in text

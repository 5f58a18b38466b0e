"""`dps validate` as CI and officers run it: exit codes, formats, bad files, folders and globs."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from addin.cli.main import main
from tests.builders import CRITERIA, MEMBERS, build_workbook, edit


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["validate", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    return build_workbook(tmp_path, "clean.xlsx")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    return build_workbook(tmp_path, "broken.xlsx", criteria=edit(CRITERIA, 0, {"Weight %": 25}))


@pytest.fixture
def warned(tmp_path: Path) -> Path:
    members = edit(MEMBERS, 6, {"Supplier name": "Mutual Futures Co-operative Limited"})
    return build_workbook(tmp_path, "warned.xlsx", members=members)


def test_clean_workbook_exits_0(capsys: pytest.CaptureFixture[str], clean: Path) -> None:
    code, out, _ = run(capsys, str(clean))
    assert code == 0
    assert "0 error(s), 0 warning(s)" in out


def test_errors_exit_1_and_name_the_cells(capsys: pytest.CaptureFixture[str], broken: Path) -> None:
    code, out, _ = run(capsys, str(broken))
    assert code == 1
    assert "WEIGHTS_NOT_100  Criteria!D4:D8" in out
    assert "Weights must total 100 % (now 105 %)" in out


def test_warnings_pass_unless_strict(capsys: pytest.CaptureFixture[str], warned: Path) -> None:
    assert run(capsys, str(warned))[0] == 0
    assert run(capsys, "--strict", str(warned))[0] == 1


def test_json_lists_every_problem(
    capsys: pytest.CaptureFixture[str], broken: Path, clean: Path
) -> None:
    code, out, _ = run(capsys, "--format", "json", str(broken), str(clean))
    payload = json.loads(out)
    assert code == 1
    first, second = payload["workbooks"]
    assert (first["errors"], second["errors"]) == (1, 0)
    assert first["problems"][0] == {
        "code": "WEIGHTS_NOT_100",
        "severity": "error",
        "message": "Weights must total 100 % (now 105 %).",
        "cells": [f"Criteria!D{r}" for r in range(4, 9)],
    }


def test_junit_has_a_case_per_workbook_and_a_failure_per_error(
    capsys: pytest.CaptureFixture[str], broken: Path, clean: Path, tmp_path: Path
) -> None:
    junk = tmp_path / "notes.xlsx"
    junk.write_text("not a workbook")
    code, out, _ = run(capsys, "--format", "junit", str(broken), str(clean), str(junk))
    assert code == 2
    suite = ET.fromstring(out).find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    cases = {Path(c.get("name", "")).name: c for c in suite.iter("testcase")}
    failure = cases["broken.xlsx"].find("failure")
    assert failure is not None and failure.get("type") == "WEIGHTS_NOT_100"
    assert cases["clean.xlsx"].find("failure") is None
    error = cases["notes.xlsx"].find("error")
    assert error is not None and "not an Excel workbook" in error.get("message", "")


def _corrupt_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")


def _ole(path: Path, encrypted: bool) -> None:
    body = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
    if encrypted:
        body += "EncryptionInfo".encode("utf-16-le")
    path.write_bytes(body)


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p.write_text("Supplier,Lot\n"), "not an Excel workbook"),
        (_corrupt_zip, "damaged or not a valid .xlsx"),
        (lambda p: _ole(p, False), "old Excel 97-2003 (.xls)"),
        (lambda p: _ole(p, True), "password-protected"),
    ],
)
def test_unreadable_files_get_one_clear_line_and_the_batch_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, clean: Path, make: object, says: str
) -> None:
    bad = tmp_path / "bad.xlsx"
    make(bad)  # type: ignore[operator]
    code, out, err = run(capsys, str(bad), str(clean))
    assert code == 2
    assert f"✗ {bad}: " in out and says in out
    assert "Traceback" not in out + err
    assert f"✓ {clean}" in out


def test_a_missing_table_or_renamed_header_is_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    renamed_header = build_workbook(tmp_path, "header.xlsx")
    book = load_workbook(renamed_header)
    book["Members"]["G3"] = "Lot One"
    book["Members"].tables["tblMembers"].tableColumns[6].name = "Lot One"
    book.save(renamed_header)
    no_table = build_workbook(tmp_path, "table.xlsx")
    book = load_workbook(no_table)
    del book["Bids"].tables["tblBids"]
    book.save(no_table)
    code, out, _ = run(capsys, str(renamed_header), str(no_table))
    assert code == 2
    assert 'table tblMembers on sheet Members has no column "Lot 1"' in out
    assert "there is no table named tblBids" in out


def test_folders_and_globs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    build_workbook(folder, "a.xlsx")
    build_workbook(folder, "b.xlsx")
    (folder / "~$a.xlsx").write_text("Excel lock file")
    assert run(capsys, str(folder))[1].count("✓") == 2
    assert run(capsys, str(folder / "*.xlsx"))[1].count("✓") == 2


def test_a_missing_path_is_a_read_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, str(tmp_path / "nowhere.xlsx"))
    assert code == 2
    assert "no such file" in out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["validate", "--format", "yaml", "x.xlsx"])
    assert exc.value.code == 2


def test_validation_never_modifies_the_file(
    capsys: pytest.CaptureFixture[str], broken: Path
) -> None:
    before = (broken.read_bytes(), broken.stat().st_mtime_ns)
    run(capsys, str(broken))
    assert (broken.read_bytes(), broken.stat().st_mtime_ns) == before

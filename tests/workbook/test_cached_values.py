"""Formulas officers type into input cells keep their results through a dps save (issue #9).

openpyxl cannot write formula results, so the "saved by Excel" workbook is made here by hand:
save with openpyxl, then put each `<v>` into the sheet XML with string replacement, so the
fixture does not trust the code under test.
"""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.worksheet.formula import ArrayFormula

from addin.letters.pdf import find_libreoffice
from addin.workbook.cached_values import (
    CachedValue,
    ask_to_recalculate_on_open,
    cached_formula_values,
    write_cached_values,
)
from addin.workbook.reader import read_tables
from tests.builders import build_workbook

OFFICER = "Officer notes"
# Sheet -> cell -> (formula, the t attribute and <v> text Excel saves, the value openpyxl reads).
FORMULAS: dict[str, dict[str, tuple[str, str | None, str, object]]] = {
    "Criteria": {"D4": ("=40/2", None, "20", 20)},
    OFFICER: {
        "A1": ('="Lot "&1', "str", "Lot 1", "Lot 1"),
        "A2": ("=1>0", "b", "1", True),
        "A3": ("=DATE(2026,11,25)", None, "46351", datetime(2026, 11, 25)),
        "A4": ("=1/0", "e", "#DIV/0!", "#DIV/0!"),
        "A5": ("=0.1+0.2", None, "0.30000000000000004", 0.30000000000000004),
        "A6": ('="will be overwritten"', "str", "will be overwritten", "will be overwritten"),
        "A7": ("=1+1", None, "2", 2),  # the tool replaces it with another formula
    },
}
ARRAY = ("B1", "B1:B2", "=SUM(A5:A5*10)", "3")


def _with_formulas(path: Path) -> None:
    book = load_workbook(path)
    for title, cells in FORMULAS.items():
        sheet = book[title] if title in book.sheetnames else book.create_sheet(title)
        for coordinate, (formula, *_) in cells.items():
            sheet[coordinate] = formula
    book[OFFICER]["A3"].number_format = "yyyy-mm-dd"
    coordinate, ref, text, _ = ARRAY
    book[OFFICER][coordinate] = ArrayFormula(ref, text)
    book.save(path)


def _put_result(xml: str, coordinate: str, kind: str | None, text: str) -> str:
    # openpyxl writes a formula cell as <c r="D4" s="3"><f>40/2</f><v></v></c> (no t).
    pattern = re.compile(
        rf'<c r="{coordinate}"([^>]*)>(<f[^>]*>[^<]*</f>)<v\s*/>|'
        rf'<c r="{coordinate}"([^>]*)>(<f[^>]*>[^<]*</f>)<v></v>'
    )
    match = pattern.search(xml)
    assert match, coordinate
    attributes = match.group(1) or match.group(3) or ""
    formula = match.group(2) or match.group(4)
    kind_attribute = f' t="{kind}"' if kind else ""
    cell = f'<c r="{coordinate}"{attributes}{kind_attribute}>{formula}<v>{text}</v>'
    return xml[: match.start()] + cell + xml[match.end() :]


def excel_saved(folder: Path) -> Path:
    """The sample competition with the officer's formulas, and their results as Excel saves."""
    path = build_workbook(folder, "openpyxl.xlsx")
    _with_formulas(path)
    titles = load_workbook(path, read_only=True).sheetnames
    results: dict[str, dict[str, tuple[str | None, str]]] = {
        title: {c: (kind, text) for c, (_, kind, text, _) in cells.items()}
        for title, cells in FORMULAS.items()
    }
    results[OFFICER][ARRAY[0]] = (None, ARRAY[3])
    excel = folder / "competition.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(excel, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            data = source.read(name)
            for title, cells in results.items():
                # openpyxl numbers its sheet parts in tab order (the code under test must not
                # assume it; this fixture may).
                if name == f"xl/worksheets/sheet{titles.index(title) + 1}.xml":
                    xml = data.decode()
                    for coordinate, (kind, text) in cells.items():
                        xml = _put_result(xml, coordinate, kind, text)
                    data = xml.encode()
            out.writestr(name, data)
    return excel


def the_tools_edit(book: Workbook) -> None:
    book["Criteria"]["G5"] = "Edited by dps"
    book[OFFICER]["A6"] = "typed by the tool"
    book[OFFICER]["A7"] = "=2+2"


def dps_save(path: Path, edit: Callable[[Workbook], None] = the_tools_edit) -> Path:
    """What FileWorkbook.save should do; returns openpyxl's file as saved, before the restore."""
    formulas = load_workbook(path)
    cached = cached_formula_values(formulas, path)
    edit(formulas)
    temp = path.with_name(".saving.xlsx")
    formulas.save(temp)
    saved = path.with_name("saved-by-openpyxl.xlsx")
    saved.write_bytes(temp.read_bytes())
    write_cached_values(temp, formulas, cached)
    os.replace(temp, path)
    return saved


def results(path: Path, data_only: bool = True) -> dict[str, dict[str, object]]:
    book = load_workbook(path, data_only=data_only)
    return {title: {c: book[title][c].value for c in cells} for title, cells in FORMULAS.items()}


def test_the_fixture_reads_as_excel_saved_it(tmp_path: Path) -> None:
    path = excel_saved(tmp_path)
    expected = {t: {c: read for c, (*_, read) in cells.items()} for t, cells in FORMULAS.items()}
    assert results(path) == expected
    assert load_workbook(path, data_only=True)[OFFICER]["B1"].value == 3


def test_formula_results_read_the_same_after_a_dps_save(tmp_path: Path) -> None:
    path = excel_saved(tmp_path)
    before = results(path)
    saved = dps_save(path)

    after = results(path)
    assert after["Criteria"] == before["Criteria"] == {"D4": 20}
    for coordinate in ("A1", "A2", "A3", "A4", "A5"):
        assert after[OFFICER][coordinate] == before[OFFICER][coordinate]
        assert type(after[OFFICER][coordinate]) is type(before[OFFICER][coordinate])
    assert load_workbook(path, data_only=True)[OFFICER]["A4"].data_type == "e"
    assert load_workbook(path, data_only=True)[OFFICER]["B1"].value == 3
    assert load_workbook(saved, data_only=True)["Criteria"]["D4"].value is None  # the bug
    # What the tool wrote stands: its plain value, and its own formula with no stale result.
    assert after[OFFICER]["A6"] == "typed by the tool"
    assert after[OFFICER]["A7"] is None


def test_the_formulas_are_still_formulas(tmp_path: Path) -> None:
    path = excel_saved(tmp_path)
    dps_save(path)
    formulas = results(path, data_only=False)
    assert formulas["Criteria"] == {"D4": "=40/2"}
    assert formulas[OFFICER]["A1"] == '="Lot "&1'
    assert formulas[OFFICER]["A7"] == "=2+2"
    array = load_workbook(path)[OFFICER]["B1"].value
    assert isinstance(array, ArrayFormula)
    assert (array.ref, array.text) == ("B1:B2", "=SUM(A5:A5*10)")


def test_only_the_sheets_with_results_change(tmp_path: Path) -> None:
    path = excel_saved(tmp_path)
    saved = dps_save(path)
    with zipfile.ZipFile(saved) as old, zipfile.ZipFile(path) as new:
        assert [(i.filename, i.compress_type) for i in old.infolist()] == [
            (i.filename, i.compress_type) for i in new.infolist()
        ]
        titles = load_workbook(path, read_only=True).sheetnames
        patched = {f"xl/worksheets/sheet{titles.index(t) + 1}.xml" for t in FORMULAS}
        changed = {n for n in old.namelist() if old.read(n) != new.read(n)}
    assert changed == patched


def test_a_workbook_without_results_to_restore_is_not_rewritten(tmp_path: Path) -> None:
    path = build_workbook(tmp_path)
    book = load_workbook(path)
    assert cached_formula_values(book, path) == {}
    before = path.stat().st_mtime_ns, path.read_bytes()
    write_cached_values(path, book, {})
    # Formulas remembered, but the tool overwrote them all: nothing to put back either.
    (tmp_path / "excel").mkdir()
    excel = excel_saved(tmp_path / "excel")
    cached = cached_formula_values(load_workbook(excel), excel)
    write_cached_values(path, book, cached)
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


def test_the_sheet_is_found_through_the_workbook_relationships(tmp_path: Path) -> None:
    path = excel_saved(tmp_path)
    book = load_workbook(path)
    cached = cached_formula_values(book, path)
    book.save(path)
    titles = book.sheetnames
    number = titles.index("Criteria") + 1
    part = f"worksheets/sheet{number}.xml"
    moves = {  # the sheet's own relationships (to its table) are named after its part
        f"xl/{part}": "xl/worksheets/criteria.xml",
        f"xl/worksheets/_rels/sheet{number}.xml.rels": "xl/worksheets/_rels/criteria.xml.rels",
    }
    renamed = tmp_path / "renamed.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(renamed, "w") as out:
        for name in source.namelist():
            data = source.read(name)
            if name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
                data = data.replace(f"/xl/{part}".encode(), b"/xl/worksheets/criteria.xml")
            if name == "xl/_rels/workbook.xml.rels":  # a relative target, as Excel writes
                data = data.replace(b'"/xl/worksheets/criteria.xml"', b'"worksheets/criteria.xml"')
            out.writestr(moves.get(name, name), data)
    write_cached_values(renamed, book, cached)
    assert load_workbook(renamed, data_only=True)["Criteria"]["D4"].value == 20


def test_read_tables_reads_the_weight_of_a_formula_after_a_dps_save(tmp_path: Path) -> None:
    path = excel_saved(tmp_path)
    dps_save(path)
    criteria = read_tables(path).find("tblCriteria")
    assert criteria is not None
    weights = {row["ID"]: row["Weight %"] for _, row in criteria.data_rows()}
    assert weights["Q1"] == 20


def test_asking_to_recalculate_on_open_writes_full_calc_on_load(tmp_path: Path) -> None:
    book = Workbook()
    book.calculation = None  # as loaded from a file without <calcPr>
    ask_to_recalculate_on_open(book)
    book.save(tmp_path / "book.xlsx")
    with zipfile.ZipFile(tmp_path / "book.xlsx") as archive:
        assert b'fullCalcOnLoad="1"' in archive.read("xl/workbook.xml")


@pytest.mark.skipif(
    find_libreoffice() is None and not os.environ.get("DPS_REQUIRE_LIBREOFFICE"),
    reason="LibreOffice is not installed (CI installs it and sets DPS_REQUIRE_LIBREOFFICE)",
)
def test_libreoffice_reads_the_restored_results(tmp_path: Path) -> None:
    path = excel_saved(tmp_path)
    dps_save(path)
    program = find_libreoffice()
    assert program is not None
    sheet = load_workbook(path, read_only=True).sheetnames.index(OFFICER) + 1
    # B1:B2 is the array formula. CSV as UTF-8, of that one sheet (the filter's twelfth option); LibreOffice 7.2 and later.
    csv = f"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,{sheet}"
    subprocess.run(
        [program, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", csv, "--outdir", str(tmp_path / "csv"), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    lines = (tmp_path / "csv" / f"competition-{OFFICER}.csv").read_text().splitlines()
    assert lines[:5] == ["Lot 1,3", "TRUE,3", "2026-11-25,", "#DIV/0!,", "0.3,"]


def test_results_are_put_back_exactly_as_the_file_stored_them(tmp_path: Path) -> None:
    """A date in a workbook counting from 1904 (an old Mac's) stays that serial, digit for digit:
    results are copied from the XML, never converted."""
    book = Workbook()
    book.epoch = CALENDAR_MAC_1904
    book.active["A1"] = "=DATE(2026,11,25)"
    book.active["A1"].number_format = "yyyy-mm-dd"
    book.active["A2"] = "=0.1+0.2"
    path = tmp_path / "mac.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    xml = _put_result(xml, "A1", None, "44889")  # 46351 - 1462
    xml = _put_result(xml, "A2", None, "0.30000000000000004")
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(saved, "w") as out:
        for name in source.namelist():
            data = source.read(name)
            out.writestr(name, xml.encode() if name == "xl/worksheets/sheet1.xml" else data)
    formulas = load_workbook(saved)
    cached = cached_formula_values(formulas, saved)
    assert cached == {
        "Sheet": {
            "A1": CachedValue("=DATE(2026,11,25)", None, "44889"),
            "A2": CachedValue("=0.1+0.2", None, "0.30000000000000004"),
        }
    }
    formulas.save(path)
    write_cached_values(path, formulas, cached)
    with zipfile.ZipFile(path) as archive:
        restored = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<v>44889</v>" in restored and "<v>0.30000000000000004</v>" in restored
    values = load_workbook(path, data_only=True).active
    assert (values["A1"].value, values["A2"].value) == (datetime(2026, 11, 25), 0.30000000000000004)


def test_a_weight_typed_as_a_formula_survives_launch_and_scoring(tmp_path: Path) -> None:
    """Through the real services: launched, then saved again, the competition stays clean."""
    from addin.services.launch import launch
    from addin.services.validate import validate_workbook
    from addin.workbook.file_workbook import FileWorkbook
    from tests.builders import LAUNCH_TIME, TODAY

    path = excel_saved(tmp_path)
    launch(FileWorkbook(path), "Sam Patel", LAUNCH_TIME)
    assert validate_workbook(path, TODAY).errors == []
    assert load_workbook(path)["Criteria"]["D4"].value == "=40/2"
    assert load_workbook(path, data_only=True)["Criteria"]["D4"].value == 20

"""Sheets a command does not change are put back byte for byte (addin.workbook.stand_ins).

Scoring changes Competition, Results, the Seal and the Audit trail; the evaluators' tabs and the
Moderation sheet it only reads are loaded as empty stand-ins and their original XML put back.
These tests hold the saved workbook to what a full openpyxl load and save gives, cell by cell and
style by style, and check the package parts that make Excel open it without a repair prompt.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.comments import Comment

from addin.services.evaluation import score
from addin.workbook import file_workbook, package_parts
from addin.workbook.calamine_reader import read_tables
from addin.workbook.file_workbook import FileWorkbook
from addin.workbook.stand_ins import standable
from tests.builders import PANEL_DAY, moderated_workbook
from tests.zip_bytes import stored

MARKS_SHEETS = ("Eval ", "Moderation")


def _sheet_xml(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {t: archive.read(p) for t, p in package_parts.sheet_parts(archive).items()}


def _score(path: Path) -> None:
    score(FileWorkbook(path), "Sam Patel", PANEL_DAY)


def _everything(path: Path) -> dict[str, object]:
    """Every cell's value and look, and every sheet's tables, state, validations, print titles."""
    book = load_workbook(path)
    found: dict[str, object] = {"order": book.sheetnames}
    for sheet in book.worksheets:
        found[sheet.title] = (
            sheet.sheet_state,
            sheet.print_title_rows,
            sheet.protection.sheet,
            sorted((t.displayName, t.ref) for t in sheet.tables.values()),
            sorted(str(v.sqref) + str(v.formula1) for v in sheet.data_validations.dataValidation),
            [
                (
                    c.coordinate,
                    c.value,
                    c.number_format,
                    c.font.b,
                    c.alignment.wrap_text,
                    c.fill.fgColor.rgb,
                    c.protection.locked,
                )
                for row in sheet.iter_rows()
                for c in row
            ],
        )
    return found


@pytest.fixture(scope="module")
def moderated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return moderated_workbook(tmp_path_factory.mktemp("moderated"))


def test_scoring_puts_back_the_marks_sheets_byte_for_byte(moderated: Path, tmp_path: Path) -> None:
    path = Path(shutil.copy(moderated, tmp_path / "competition.xlsx"))
    before = _sheet_xml(path)
    _score(path)
    after = _sheet_xml(path)
    marks = [t for t in before if t.startswith(MARKS_SHEETS)]
    assert len(marks) == 4  # three evaluators and Moderation
    for title in marks:
        assert after[title] == before[title], title
    assert after["Competition"] != before["Competition"]  # changed, so written by openpyxl


def test_put_back_sheets_are_copied_as_compressed_not_compressed_again(
    moderated: Path, tmp_path: Path
) -> None:
    # Compressed otherwise than zipfile would (Excel's own zip differs too): a sheet compressed
    # again would come out with other bytes.
    source = tmp_path / "source.xlsx"
    with zipfile.ZipFile(moderated) as archive, zipfile.ZipFile(source, "w") as out:
        before = package_parts.sheet_parts(archive)
        for info in archive.infolist():
            out.writestr(info.filename, archive.read(info), zipfile.ZIP_DEFLATED, compresslevel=1)
    path = Path(shutil.copy(source, tmp_path / "competition.xlsx"))
    _score(path)
    with zipfile.ZipFile(path) as archive:
        after = package_parts.sheet_parts(archive)
        assert archive.testzip() is None  # every member's CRC checks out
    marks = [t for t in before if t.startswith(MARKS_SHEETS)]
    assert len(marks) == 4
    for title in marks:
        assert stored(path, after[title]) == stored(source, before[title]), title
    load_workbook(path)  # and openpyxl reads the package


def test_a_save_with_stand_ins_equals_a_full_load_and_save(
    moderated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    quick = Path(shutil.copy(moderated, tmp_path / "quick.xlsx"))
    _score(quick)
    full = Path(shutil.copy(moderated, tmp_path / "full.xlsx"))
    monkeypatch.setattr(file_workbook, "standable", lambda source, changed: {})
    _score(full)

    assert _everything(quick) == _everything(full)
    assert read_tables(quick).tables == read_tables(full).tables


def test_tables_put_back_keep_unique_ids_and_a_content_type(
    moderated: Path, tmp_path: Path
) -> None:
    path = Path(shutil.copy(moderated, tmp_path / "competition.xlsx"))
    _score(path)
    with zipfile.ZipFile(path) as archive:
        tables = [n for n in archive.namelist() if n.startswith("xl/tables/")]
        ids = [package_parts.xml(archive, n).get("id") for n in tables]
        names = [package_parts.xml(archive, n).get("displayName") for n in tables]
        types = archive.read(package_parts.CONTENT_TYPES).decode()
    assert len(set(ids)) == len(ids) == len(set(names))
    for name in tables:
        assert f'PartName="/{name}"' in types
    assert {"tblEval1", "tblEval3Declaration", "tblModeration", "tblResults"} <= set(names)


def _to_shared_strings(path: Path, title: str) -> None:
    """Stores one sheet's text as Excel does, in the shared-strings part (openpyxl writes text
    inline), so the put-back sheet depends on that part."""
    inline = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is><t(?: [^>]*)?>(.*?)</t></is></c>')
    strings: list[bytes] = []

    def shared(match: re.Match[bytes]) -> bytes:
        strings.append(match.group(3))
        return b'<c %st="s"%s><v>%d</v></c>' % (match.group(1), match.group(2), len(strings) - 1)

    with zipfile.ZipFile(path) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
        part = package_parts.sheet_parts(archive)[title]
    parts[part] = inline.sub(shared, parts[part])
    assert strings
    items = b"".join(b"<si><t>%s</t></si>" % s for s in strings)
    parts["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>'
        % (package_parts.MAIN.encode(), len(strings), len(strings), items)
    )
    rels = parts[package_parts.WORKBOOK_RELS]
    parts[package_parts.WORKBOOK_RELS] = rels.replace(
        b"</Relationships>",
        b'<Relationship Id="rIdStrings" Type="%s" Target="sharedStrings.xml"/></Relationships>'
        % package_parts.SHARED_STRINGS_TYPE.encode(),
    )
    parts[package_parts.CONTENT_TYPES] = parts[package_parts.CONTENT_TYPES].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)


def test_text_excel_kept_in_shared_strings_survives(moderated: Path, tmp_path: Path) -> None:
    path = Path(shutil.copy(moderated, tmp_path / "competition.xlsx"))
    title = next(t for t in _sheet_xml(path) if t.startswith("Eval "))
    _to_shared_strings(path, title)
    before = read_tables(path).tables
    _score(path)
    after = read_tables(path).tables
    for name, table in before.items():
        if name.startswith("tblEval"):
            assert after[name].rows == table.rows, name
    book = load_workbook(path)
    assert book[title]["A1"].value == load_workbook(moderated)[title]["A1"].value


def test_a_sheet_with_comments_is_loaded_in_full(moderated: Path, tmp_path: Path) -> None:
    path = Path(shutil.copy(moderated, tmp_path / "competition.xlsx"))
    book = load_workbook(path)
    title = next(t for t in book.sheetnames if t.startswith("Eval "))
    book[title]["H1"].comment = Comment("Checked by the panel", "Sam Patel")
    book.save(path)
    parts = standable(path, changed={"Competition", "Audit"})
    assert title not in parts
    assert "Moderation" in parts and "Competition" not in parts


def test_a_sheet_not_yet_set_up_for_printing_is_laid_out(moderated: Path, tmp_path: Path) -> None:
    """As one the ribbon added: the next dps save lays it out even if it writes nothing there."""
    path = Path(shutil.copy(moderated, tmp_path / "competition.xlsx"))
    book = load_workbook(path)
    title = next(t for t in book.sheetnames if t.startswith("Eval "))
    book[title].page_setup.paperSize = None
    book.save(path)
    assert title not in standable(path, changed={"Competition", "Audit"})
    _score(path)
    assert load_workbook(path)[title].page_setup.paperSize == 9  # A4

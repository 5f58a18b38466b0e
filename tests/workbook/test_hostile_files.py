"""Hostile files are refused before they are parsed; a large legitimate workbook is not."""

from __future__ import annotations

import tracemalloc
import zipfile
from pathlib import Path

import openpyxl.xml
import pytest
from openpyxl import Workbook
from openpyxl.comments import Comment

from addin.errors import HostilePackage, UnreadableWorkbook
from addin.workbook import package_check
from addin.workbook.package_check import check_package
from addin.workbook.reader import open_workbook
from tests import hostile
from tests.builders import build_workbook


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return build_workbook(tmp_path, "good.xlsx")


def test_openpyxl_reads_worksheets_with_defusedxml() -> None:
    # Worksheets and shared strings go through openpyxl's iterparse, which is defusedxml's only
    # when DEFUSEDXML is on; workbook.xml goes through lxml, hence the package check's DTD test.
    from defusedxml.ElementTree import iterparse as defused_iterparse
    from openpyxl.xml import functions

    assert openpyxl.xml.DEFUSEDXML
    assert functions.iterparse is defused_iterparse


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"])
def test_a_zip_bomb_is_refused_without_inflating_it(good: Path, part: str) -> None:
    bomb = hostile.bomb(good, good.with_name("bomb.xlsx"), part)
    assert bomb.stat().st_size < 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(HostilePackage, match=rf"{part} is compressed .* to 1 \(a zip bomb"):
            open_workbook(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024  # the 50 MB part was never inflated


def test_too_many_parts_is_refused(good: Path) -> None:
    crowded = hostile.too_many_parts(good, good.with_name("crowded.xlsx"), package_check.MAX_PARTS)
    with pytest.raises(HostilePackage, match="parts"):
        open_workbook(crowded)


def test_billion_laughs_is_refused_as_one_unreadable_file(good: Path) -> None:
    laughs = hostile.billion_laughs(good, good.with_name("laughs.xlsx"))
    with pytest.raises(HostilePackage, match=r"xl/workbook\.xml declares a DTD"):
        open_workbook(laughs)


def test_a_dtd_hidden_behind_a_long_comment_is_refused(good: Path) -> None:
    def change(name: str, data: bytes) -> bytes:
        if name != "xl/workbook.xml":
            return data
        return b"<!--" + b"x" * package_check.PROLOG_LIMIT + b"-->" + hostile.BILLION_LAUGHS + data

    sneaky = hostile.rewrite(good, good.with_name("sneaky.xlsx"), change)
    with pytest.raises(HostilePackage, match=r"xl/workbook\.xml"):
        open_workbook(sneaky)


def test_a_worksheet_that_is_not_well_formed_is_unreadable(good: Path) -> None:
    broken = hostile.malformed_sheet(good, good.with_name("broken.xlsx"))
    with pytest.raises(UnreadableWorkbook, match=r"damaged or not a valid \.xlsx"):
        open_workbook(broken)


def test_the_total_size_limit(good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package_check, "MAX_TOTAL_SIZE", 1000)
    with pytest.raises(HostilePackage, match="MB once uncompressed"):
        check_package(good)


def test_a_legitimate_10000_part_workbook_passes(tmp_path: Path) -> None:
    book = Workbook()
    for i in range(2500):  # each sheet with a note: sheet, comments, drawing and relationships
        sheet = book.active if i == 0 else book.create_sheet()
        sheet["A1"] = i
        sheet["A1"].comment = Comment(f"note {i}", "Sam Patel")
    path = tmp_path / "big.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        assert len(archive.namelist()) >= 10_000
    check_package(path)  # no exception


def _zip_heads(path: Path) -> dict[str, bytes | None]:
    """What zipfile reads of each part's head (None: zipfile refuses the part)."""
    heads: dict[str, bytes | None] = {}
    with zipfile.ZipFile(path) as archive:
        for member in archive.infolist():
            try:
                with archive.open(member) as part:
                    heads[member.filename] = part.read(package_check.PROLOG_LIMIT)
            except zipfile.BadZipFile:
                heads[member.filename] = None
    return heads


def test_heads_read_from_the_bytes_are_zipfiles_and_damage_is_left_to_zipfile(
    tmp_path: Path,
) -> None:
    book = tmp_path / "parts.zip"
    long_text = b"<a>" + b"x" * (2 * package_check.PROLOG_LIMIT) + b"</a>"
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr("stored.xml", b"<a>stored</a>", zipfile.ZIP_STORED)
        archive.writestr("deflated.xml", b"<a>deflated</a>" * 50, zipfile.ZIP_DEFLATED)
        archive.writestr("long.xml", long_text, zipfile.ZIP_DEFLATED)
        archive.writestr("damaged.xml", b"<a>to be damaged</a>", zipfile.ZIP_STORED)
    data = bytearray(book.read_bytes())
    at = data.index(b"<a>to be damaged</a>")
    data[at + 4] = ord("T")  # its CRC no longer matches
    book.write_bytes(bytes(data))
    expected = _zip_heads(book)
    with zipfile.ZipFile(book) as archive:
        plain = {m.filename: package_check._plain_head(bytes(data), m) for m in archive.infolist()}
    assert expected["damaged.xml"] is None and plain["damaged.xml"] is None
    assert plain == expected
    assert plain["long.xml"] == long_text[: package_check.PROLOG_LIMIT]
    with pytest.raises(UnreadableWorkbook, match=r"damaged or not a valid \.xlsx"):
        package_check.open_checked(book)


# A part's prolog is looked for in its first FIRST_LOOK bytes, and in up to PROLOG_LIMIT when they
# do not decide it (a large part is inflated that far only then): each case puts something just
# across that boundary, or beyond it, in a part shorter and longer than PROLOG_LIMIT.
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>'
_DOCTYPE = b"<!DOCTYPE worksheet>"


def _at_first_look_end(text: bytes, overlap: int) -> bytes:
    """The declaration, then `text` starting `overlap` bytes before the first look ends."""
    padding = package_check.FIRST_LOOK - overlap - len(_DECLARATION)
    return _DECLARATION + b"\n" * padding + text


def _past_first_look(text: bytes) -> bytes:
    """The declaration, a comment longer than the first look, then `text`."""
    return _DECLARATION + b"<!--" + b"x" * (2 * package_check.FIRST_LOOK) + b"-->" + text


def _with_prolog(good: Path, out: Path, prolog: bytes, large: bool = True) -> Path:
    """`good` with `prolog` before the Competition sheet's root, and if `large` a comment after
    it that makes the part longer than PROLOG_LIMIT."""
    after = b"<!--" + b"y" * package_check.PROLOG_LIMIT + b"-->" if large else b""

    def change(name: str, data: bytes) -> bytes:
        return prolog + data + after if name == "xl/worksheets/sheet2.xml" else data

    return hostile.rewrite(good, out, change)


@pytest.mark.parametrize(
    "prolog",
    [
        _at_first_look_end(b"<!-- a comment, not a DTD -->", 2),
        _at_first_look_end(b"<?note across the boundary?>", 1),
        _past_first_look(b""),
        _past_first_look(b"<?note?>"),
    ],
    ids=["comment-across", "instruction-across", "root-after-first-look", "instruction-after"],
)
@pytest.mark.parametrize("large", [True, False], ids=["large", "small"])
def test_a_part_whose_root_comes_after_the_first_look_is_read(
    good: Path, prolog: bytes, large: bool
) -> None:
    from addin.workbook.calamine_reader import read_tables

    book = _with_prolog(good, good.with_name("late-root.xlsx"), prolog, large)
    check_package(book)  # no exception
    assert read_tables(book).tables == read_tables(good).tables


@pytest.mark.parametrize(
    "prolog",
    [
        _at_first_look_end(_DOCTYPE, 2),
        _at_first_look_end(_DOCTYPE, 1),
        _at_first_look_end(b"<?note?>" + _DOCTYPE, 1),
        _past_first_look(_DOCTYPE),
        _past_first_look(b"<?note?>" + hostile.BILLION_LAUGHS.split(b"?>", 1)[1]),
    ],
    ids=["across", "split-after-<", "after-split-instruction", "after-comment", "laughs-after"],
)
@pytest.mark.parametrize("large", [True, False], ids=["large", "small"])
def test_a_dtd_after_a_parts_first_look_is_refused(good: Path, prolog: bytes, large: bool) -> None:
    book = _with_prolog(good, good.with_name("late-dtd.xlsx"), prolog, large)
    with pytest.raises(HostilePackage, match=r"xl/worksheets/sheet2\.xml declares a DTD"):
        open_workbook(book)
    with pytest.raises(HostilePackage, match=r"xl/worksheets/sheet2\.xml declares a DTD"):
        check_package(book)


def test_a_large_part_without_a_root_in_its_first_64_kb_is_still_refused(good: Path) -> None:
    prolog = _DECLARATION + b"<!--" + b"x" * package_check.PROLOG_LIMIT + b"-->"
    book = _with_prolog(good, good.with_name("no-root.xlsx"), prolog)
    with pytest.raises(HostilePackage, match=r"sheet2\.xml has no XML root element in its first"):
        check_package(book)


def test_a_large_file_read_through_zipfile_gets_the_same_first_look(
    good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package_check, "IN_MEMORY_LIMIT", 0)  # every part through zipfile
    late_root = _with_prolog(good, good.with_name("late.xlsx"), _past_first_look(b""))
    check_package(late_root)  # no exception
    late_dtd = _with_prolog(good, good.with_name("dtd.xlsx"), _at_first_look_end(_DOCTYPE, 1))
    with pytest.raises(HostilePackage, match=r"sheet2\.xml declares a DTD"):
        check_package(late_dtd)


def _damaged_stream(good: Path, out: Path, method: int) -> Path:
    """`good` with its Competition sheet compressed by `method` and a byte of that stream
    damaged, as a bad disk or download leaves it: the zip's directory still reads."""
    part = "xl/worksheets/sheet2.xml"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            kind = method if info.filename == part else zipfile.ZIP_DEFLATED
            dst.writestr(info.filename, src.read(info), kind)
    with zipfile.ZipFile(out) as archive:
        info = archive.getinfo(part)
    data = bytearray(out.read_bytes())
    start = info.header_offset + 30 + len(info.orig_filename.encode())
    data[start + 8 : start + 18] = b"\xff" * 10
    out.write_bytes(bytes(data))
    return out


@pytest.mark.parametrize(
    "method",
    [zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA],
    ids=["deflated", "bzip2", "lzma"],
)
@pytest.mark.parametrize("in_memory", [True, False], ids=["in-memory", "on-disk"])
def test_a_damaged_compressed_part_is_an_unreadable_workbook(
    good: Path, method: int, in_memory: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not an internal error: zipfile lets zlib's, bzip2's and lzma's own errors out."""
    if not in_memory:
        monkeypatch.setattr(package_check, "IN_MEMORY_LIMIT", 0)
    damaged = _damaged_stream(good, good.with_name("damaged.xlsx"), method)
    with pytest.raises(
        UnreadableWorkbook, match=r"damaged or not a valid \.xlsx \(xl/worksheets/sheet2\.xml: "
    ):
        check_package(damaged)


def test_a_part_cut_short_is_named_as_such(good: Path) -> None:
    """A local header whose extra field runs past the file's end: zipfile's EOFError has no
    words of its own, and "damaged or not a valid .xlsx ()" told the officer nothing."""
    with zipfile.ZipFile(good) as archive:
        at = archive.getinfo("xl/workbook.xml").header_offset
    data = bytearray(good.read_bytes())
    data[at + 28 : at + 30] = b"\xff\xff"  # the extra field's length
    cut = good.with_name("cut.xlsx")
    cut.write_bytes(bytes(data))
    with pytest.raises(UnreadableWorkbook, match=r"not a valid \.xlsx \(a part is cut short\)"):
        check_package(cut)

"""The zip writer shared by letters and workbook saves (addin.zip_members): members copied as
stored come out with the source's very bytes, a valid CRC and the same content."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from addin.zip_members import DEFLATED, STORED, copied, copy_replacing, deflate, write_zip
from tests.zip_bytes import stored

XML = b'<?xml version="1.0"?><root>' + b"<row>caf\xc3\xa9 \xe2\x82\xac</row>" * 400 + b"</root>"


def _source(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("deflated.xml", XML, zipfile.ZIP_DEFLATED)
        archive.writestr("stored.xml", XML[:500], zipfile.ZIP_STORED)
        archive.writestr("bzip2.xml", XML, zipfile.ZIP_BZIP2)
        archive.writestr("folder/café.xml", b"<a/>", zipfile.ZIP_DEFLATED)
        archive.writestr("empty.xml", b"", zipfile.ZIP_DEFLATED)
    return path


def test_a_copy_keeps_every_member_s_stored_bytes_in_order(tmp_path: Path) -> None:
    source = _source(tmp_path / "source.zip")
    copy = tmp_path / "copy.zip"
    with zipfile.ZipFile(source) as archive:
        copy_replacing(archive, copy, {})
    with zipfile.ZipFile(source) as before, zipfile.ZipFile(copy) as after:
        assert after.testzip() is None  # every CRC checks out
        assert after.namelist() == before.namelist()
        for name in before.namelist():
            assert after.read(name) == before.read(name), name
        methods = {i.filename: i.compress_type for i in after.infolist()}
    assert methods["stored.xml"] == STORED
    assert methods["deflated.xml"] == methods["bzip2.xml"] == DEFLATED  # bzip2 is deflated
    for name in ("deflated.xml", "stored.xml", "folder/café.xml", "empty.xml"):
        assert stored(copy, name) == stored(source, name), name


def test_replaced_members_keep_their_place_and_added_ones_come_last(tmp_path: Path) -> None:
    source = _source(tmp_path / "source.zip")
    out = io.BytesIO()
    with zipfile.ZipFile(source) as archive:
        copy_replacing(
            archive,
            out,
            {"stored.xml": deflate("stored.xml", b"<new/>")},
            [deflate("added.xml", b"<added/>")],
        )
    with zipfile.ZipFile(out) as after:
        assert after.testzip() is None
        assert after.namelist()[1] == "stored.xml"
        assert after.namelist()[-1] == "added.xml"
        assert after.read("stored.xml") == b"<new/>"
        assert after.read("added.xml") == b"<added/>"


def test_a_member_copied_under_another_name(tmp_path: Path) -> None:
    source = _source(tmp_path / "source.zip")
    with zipfile.ZipFile(source) as archive:
        member = copied(archive, archive.getinfo("deflated.xml"), "renamed.xml")
    target = tmp_path / "renamed.zip"
    write_zip(target, [member])
    with zipfile.ZipFile(target) as after:
        assert after.testzip() is None
        assert after.read("renamed.xml") == XML


def test_sizes_beyond_a_plain_zip_are_refused(tmp_path: Path) -> None:
    huge = deflate("huge.xml", b"")
    huge = type(huge)("huge.xml", huge.stored, huge.crc, 0xFFFFFFFF)
    with pytest.raises(ValueError, match="zip64"):
        write_zip(tmp_path / "huge.zip", [huge])

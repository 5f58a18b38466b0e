"""Writes a zip file from members compressed beforehand, so a part is compressed once, not on
every write: a part every letter shares once per run rather than once per letter, and the parts
a workbook save keeps unchanged not at all (their compressed bytes are copied as they are).

A Word letter or an Excel workbook is a zip of XML parts. `zipfile` compresses every member it
writes and has no way to add one already compressed, so this small writer does: the same
deflate stream `zipfile` makes (ZIP_DEFLATED, default level), members in the order given, no
zip64 (a letter or a workbook is far below 4 GB). Readers (Word, Excel, LibreOffice, openpyxl,
python-docx) see an ordinary package. A copied member keeps its stored bytes and CRC; whoever
copies checks the result (a workbook save tests every member's CRC before it replaces anything).
"""

from __future__ import annotations

import struct
import time
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

STORED, DEFLATED = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED
_VERSION = 20  # 2.0: deflate
UTF8_NAME = 0x800  # a flag: the member's name is UTF-8 (else code page 437)
_ENCRYPTED = 0x1
# A member's local header: signature, version, flags, method, time, date, CRC, compressed and
# uncompressed sizes, then the lengths of the name and the extra field that follow it.
LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_CENTRAL = struct.Struct("<4sBBHHHHHIIIHHHHHII")
_END = struct.Struct("<4sHHHHIIH")
_LIMIT = 0xFFFFFFFF  # beyond this a size or offset needs zip64, which this writer never writes


@dataclass(frozen=True)
class Member:
    """One file of the zip, its content as the zip stores it: raw deflate, or itself if STORED."""

    name: str
    stored: bytes
    crc: int
    size: int
    method: int = DEFLATED


def deflate(name: str, content: bytes) -> Member:
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    deflated = compressor.compress(content) + compressor.flush()
    return Member(name, deflated, zlib.crc32(content), len(content))


def local_header(data: bytes, at: int = 0) -> tuple[int, int, int] | None:
    """The flags and the name and extra field lengths of the local header at `at` in `data`;
    None if `data` holds no local header there."""
    if at + LOCAL_HEADER.size > len(data):
        return None
    signature, _, flags, *_, name_length, extra_length = LOCAL_HEADER.unpack_from(data, at)
    return (flags, name_length, extra_length) if signature == _LOCAL_SIGNATURE else None


def copied(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str | None = None) -> Member:
    """A member of `archive` (under `name`, if given) with its bytes as stored, not recompressed.

    A member compressed some other way (bzip2, lzma) is read and deflated.
    """
    if info.compress_type not in (STORED, DEFLATED) or info.flag_bits & _ENCRYPTED:
        return deflate(name or info.filename, archive.read(info))
    handle = archive.fp
    assert handle is not None, "the archive is closed"
    # The local header's name and extra field may differ from the central directory's.
    handle.seek(info.header_offset)
    local = local_header(handle.read(LOCAL_HEADER.size))
    if local is None:
        raise zipfile.BadZipFile(f"no local header for {info.filename}")
    _, name_length, extra_length = local
    handle.seek(name_length + extra_length, 1)
    stored = handle.read(info.compress_size)
    return Member(name or info.filename, stored, info.CRC, info.file_size, info.compress_type)


def copy_replacing(
    archive: zipfile.ZipFile,
    out: Path | BinaryIO,
    replaced: Mapping[str, Member],
    added: Iterable[Member] = (),
) -> None:
    """Writes every member of `archive`, in order, as stored, except those in `replaced` (by
    name), then `added`."""
    kept = (replaced.get(info.filename) or copied(archive, info) for info in archive.infolist())
    write_zip(out, [*kept, *added])


def _dos_time(now: time.struct_time) -> tuple[int, int]:
    day = (now.tm_year - 1980) << 9 | now.tm_mon << 5 | now.tm_mday
    return now.tm_hour << 11 | now.tm_min << 5 | now.tm_sec // 2, day


def write_zip(target: Path | BinaryIO, members: Iterable[Member]) -> None:
    """Writes `members`, in order, as the zip file `target` (a path, or a binary file open for
    writing), each dated now (as `zipfile` does)."""
    if isinstance(target, Path):
        with target.open("wb") as out:
            _write(out, members)
    else:
        _write(target, members)


def _write(out: BinaryIO, members: Iterable[Member]) -> None:
    clock, day = _dos_time(time.localtime())
    central, offset = [], 0
    for member in members:
        name = member.name.encode("utf-8")
        flags = 0 if name.isascii() else UTF8_NAME
        sizes = (member.crc, len(member.stored), member.size)
        if max(offset, *sizes[1:]) >= _LIMIT:
            raise ValueError(f"{member.name} is beyond what a zip without zip64 can hold")
        header = (_VERSION, flags, member.method, clock, day, *sizes, len(name))
        out.write(LOCAL_HEADER.pack(_LOCAL_SIGNATURE, *header, 0) + name)
        out.write(member.stored)
        central.append(_CENTRAL.pack(b"PK\x01\x02", _VERSION, 0, *header, 0, 0, 0, 0, 0, offset))
        central[-1] += name
        offset += LOCAL_HEADER.size + len(name) + len(member.stored)
    directory = b"".join(central)
    count = len(central)
    if count >= 0xFFFF or offset + len(directory) >= _LIMIT:
        raise ValueError("too many members or bytes for a zip without zip64")
    out.write(directory)
    out.write(_END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), offset, 0))

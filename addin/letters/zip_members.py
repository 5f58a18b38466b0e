"""Writes a zip file from members deflated beforehand, so a part every letter shares is
compressed once per run rather than once per letter.

A Word letter is a zip of XML parts, and most of its bytes are parts no letter changes (the
styles alone are three quarters of a template). `zipfile` compresses every member it writes and
has no way to add one already compressed, so this small writer does: the same deflate stream
`zipfile` makes (ZIP_DEFLATED, default level), the same member order, no zip64 (a letter is
far below 4 GB). Readers (Word, LibreOffice, python-docx) see an ordinary .docx.
"""

from __future__ import annotations

import struct
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_DEFLATED = 8
_VERSION = 20  # 2.0: deflate
_UTF8_NAME = 0x800
_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL = struct.Struct("<4sBBHHHHHIIIHHHHHII")
_END = struct.Struct("<4sHHHHIIH")


@dataclass(frozen=True)
class Member:
    """One file of the zip, its content deflated (raw deflate, as zip stores it)."""

    name: str
    deflated: bytes
    crc: int
    size: int


def deflate(name: str, content: bytes) -> Member:
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    deflated = compressor.compress(content) + compressor.flush()
    return Member(name, deflated, zlib.crc32(content), len(content))


def _dos_time(now: time.struct_time) -> tuple[int, int]:
    day = (now.tm_year - 1980) << 9 | now.tm_mon << 5 | now.tm_mday
    return now.tm_hour << 11 | now.tm_min << 5 | now.tm_sec // 2, day


def write_zip(path: Path, members: Iterable[Member]) -> None:
    """Writes `members`, in order, as the zip file `path`, each dated now (as `zipfile` does)."""
    clock, day = _dos_time(time.localtime())
    central, offset = [], 0
    with path.open("wb") as out:
        for member in members:
            name = member.name.encode("utf-8")
            flags = 0 if name.isascii() else _UTF8_NAME
            sizes = (member.crc, len(member.deflated), member.size)
            header = (_VERSION, flags, _DEFLATED, clock, day, *sizes, len(name))
            out.write(_LOCAL.pack(b"PK\x03\x04", *header, 0) + name)
            out.write(member.deflated)
            central.append(
                _CENTRAL.pack(b"PK\x01\x02", _VERSION, 0, *header, 0, 0, 0, 0, 0, offset)
            )
            central[-1] += name
            offset += _LOCAL.size + len(name) + len(member.deflated)
        directory = b"".join(central)
        out.write(directory)
        count = len(central)
        out.write(_END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), offset, 0))

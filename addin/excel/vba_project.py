"""Edit the VBA project inside a vbaProject.bin as source text, without Excel (MS-OVBA).

A module stream is a compiled PerformanceCache followed, at the MODULEOFFSET recorded in the
compressed `VBA/dir` stream, by the compressed source. We write source only: the module stream
becomes just the compressed source and its MODULEOFFSET 0, and `VBA/_VBA_PROJECT` gets its
7-byte version-independent form, which tells Office to ignore every cached p-code and compile
from source (MS-OVBA 1.6, 2.3.4.1). The compression (2.4.1) is implemented here and checked in
the tests against oletools' independent decompressor.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass

from addin.excel.cfb import Entry

CHUNK = 4096  # decompressed bytes per chunk (MS-OVBA 2.4.1.1.3)
_MAX_CANDIDATES = 64  # earlier positions tried per match; bounds time, not correctness
# _VBA_PROJECT with no PerformanceCache: Reserved1 0x61CC, Version 0xFFFF, Reserved2 0x00 and
# Reserved3 0x0001 ("MUST be ignored"), byte for byte MS-OVBA's example 3.1.1 and xlwings' own.
VERSION_INDEPENDENT = bytes.fromhex("cc61ffff000100")
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,30}\Z")

# dir stream record ids (MS-OVBA 2.3.4.2)
PROJECTCODEPAGE, PROJECTNAME, PROJECTVERSION = 0x0003, 0x0004, 0x0009
MODULENAME, MODULENAMEUNICODE, MODULESTREAMNAME = 0x0019, 0x0047, 0x001A
MODULESTREAMNAMEUNICODE, MODULEOFFSET, MODULETERMINATOR = 0x0032, 0x0031, 0x002B
MODULETYPE_PROCEDURAL = 0x0021


class VbaProjectError(ValueError):
    """The VBA project is not in a shape this module can edit safely."""


# --- compression (MS-OVBA 2.4.1) -----------------------------------------------------------


def _bit_count(position: int) -> int:
    # CopyToken Help (2.4.1.3.19.1): bits for the offset grow with the position in the chunk.
    return max((position - 1).bit_length(), 4)


def _longest_match(chunk: bytes, pos: int, seen: dict[bytes, list[int]]) -> tuple[int, int]:
    """(length, offset) of the longest earlier match of 3+ bytes at pos, or (0, 0)."""
    limit = min((0xFFFF >> _bit_count(pos)) + 3, len(chunk) - pos)
    best_len, best_at = 0, 0
    for cand in reversed(seen.get(chunk[pos : pos + 3], [])[-_MAX_CANDIDATES:]):
        if best_len and (best_len >= limit or chunk[cand + best_len] != chunk[pos + best_len]):
            continue
        length = 0
        while length < limit and chunk[cand + length] == chunk[pos + length]:
            length += 1
        if length > best_len:
            best_len, best_at = length, cand
    return (best_len, pos - best_at) if best_len >= 3 else (0, 0)


def _compress_tokens(chunk: bytes) -> bytes:
    """A chunk as TokenSequences: a flag byte, then 8 literal bytes or 2-byte copy tokens."""
    out = bytearray()
    seen: dict[bytes, list[int]] = {}  # 3-byte prefix -> earlier positions in this chunk
    pos = 0
    while pos < len(chunk):
        flag_at = len(out)
        out.append(0)
        for bit in range(8):
            if pos >= len(chunk):
                break
            length, offset = _longest_match(chunk, pos, seen)
            if length:
                out[flag_at] |= 1 << bit
                bits = _bit_count(pos)
                out += struct.pack("<H", ((offset - 1) << (16 - bits)) | (length - 3))
            else:
                out.append(chunk[pos])
                length = 1
            for p in range(pos, min(pos + length, len(chunk) - 2)):
                seen.setdefault(chunk[p : p + 3], []).append(p)
            pos += length
    return bytes(out)


def compress(data: bytes) -> bytes:
    """An MS-OVBA CompressedContainer holding data."""
    out = bytearray(b"\x01")
    for start in range(0, len(data), CHUNK):
        chunk = data[start : start + CHUNK]
        body = _compress_tokens(chunk)
        if len(body) <= CHUNK:  # header: size - 3, signature 0b011, compressed flag
            out += struct.pack("<H", 0xB000 | (len(body) - 1)) + body
        else:  # incompressible: a raw chunk, which is always 4096 bytes (2.4.1.3.10)
            out += struct.pack("<H", 0x3FFF) + chunk.ljust(CHUNK, b"\x00")
    return bytes(out)


def decompress(data: bytes) -> bytes:
    """The bytes in an MS-OVBA CompressedContainer."""
    if not data or data[0] != 0x01:
        raise VbaProjectError("compressed container does not start with 0x01")
    out, pos = bytearray(), 1
    while pos < len(data) - 1:
        header = struct.unpack_from("<H", data, pos)[0]
        end, pos = min(pos + (header & 0x0FFF) + 3, len(data)), pos + 2
        if not header & 0x8000:
            out += data[pos : pos + CHUNK]
            pos += CHUNK
            continue
        start = len(out)
        while pos < end:
            flags, pos = data[pos], pos + 1
            for bit in range(8):
                if pos >= end:
                    break
                if not flags >> bit & 1:
                    out.append(data[pos])
                    pos += 1
                    continue
                token, pos = struct.unpack_from("<H", data, pos)[0], pos + 2
                bits = _bit_count(len(out) - start)
                source = len(out) - (token >> (16 - bits)) - 1
                if source < start:
                    raise VbaProjectError("copy token points before its chunk")
                for i in range(source, source + (token & (0xFFFF >> bits)) + 3):
                    out.append(out[i])
    return bytes(out)


# --- the dir stream (MS-OVBA 2.3.4.2) ------------------------------------------------------


@dataclass
class Record:
    id: int
    data: bytes


def parse_dir(raw: bytes) -> list[Record]:
    """The decompressed dir stream as (id, size, data) records, in order."""
    records, pos = [], 0
    while pos + 6 <= len(raw):
        rid, size = struct.unpack_from("<HI", raw, pos)
        if rid == PROJECTVERSION:
            size = 6  # its Size field is a Reserved 4, yet 6 bytes of version follow
        records.append(Record(rid, raw[pos + 6 : pos + 6 + size]))
        pos += 6 + size
    if pos != len(raw):
        raise VbaProjectError("dir stream has trailing bytes")
    return records


def serialize_dir(records: list[Record]) -> bytes:
    return b"".join(
        struct.pack("<HI", r.id, 4 if r.id == PROJECTVERSION else len(r.data)) + r.data
        for r in records
    )


# --- the project ---------------------------------------------------------------------------


class VbaProject:
    """The VBA project in a vbaProject.bin tree; edits apply to the tree on `save()`."""

    def __init__(self, root: Entry) -> None:
        self.root = root
        self.records = parse_dir(decompress(self._stream("VBA", "dir")))
        codepage = self._first(PROJECTCODEPAGE).data
        self.codec = f"cp{struct.unpack('<H', codepage)[0]}"

    def _stream(self, *path: str) -> bytes:
        data = self.root.find(*path).data
        if data is None:
            raise VbaProjectError(f"{'/'.join(path)} is a storage, not a stream")
        return data

    def _first(self, rid: int) -> Record:
        return next(r for r in self.records if r.id == rid)

    def _module(self, name: str) -> list[Record]:
        """The records of one MODULE, from MODULENAME to its terminator (shared objects)."""
        for i, record in enumerate(self.records):
            if record.id == MODULENAME and record.data.decode(self.codec) == name:
                end = next(
                    j for j in range(i, len(self.records)) if self.records[j].id == MODULETERMINATOR
                )
                return self.records[i : end + 1]
        raise VbaProjectError(f"no VBA module named {name!r}")

    def module_names(self) -> list[str]:
        return [r.data.decode(self.codec) for r in self.records if r.id == MODULENAME]

    def source(self, name: str) -> str:
        records = {r.id: r for r in self._module(name)}
        stream = records[MODULESTREAMNAME].data.decode(self.codec)
        offset = struct.unpack("<I", records[MODULEOFFSET].data)[0]
        return decompress(self._stream("VBA", stream)[offset:]).decode(self.codec)

    def set_source(self, name: str, source: str) -> None:
        """Replace a module's code with source, dropping its compiled p-code."""
        records = {r.id: r for r in self._module(name)}
        stream = self.root.find("VBA", records[MODULESTREAMNAME].data.decode(self.codec))
        stream.data = compress(source.encode(self.codec))
        records[MODULEOFFSET].data = struct.pack("<I", 0)

    def rename_module(self, old: str, new: str) -> None:
        """Rename a module, its stream and its entries in PROJECT and PROJECTwm."""
        if not _IDENTIFIER.match(new) or new in self.module_names():
            raise VbaProjectError(f"cannot rename module to {new!r}")
        records = self._module(old)
        if MODULETYPE_PROCEDURAL not in {r.id for r in records}:
            raise VbaProjectError(f"{old!r} is not a standard module; only those are renamed")
        project = self._stream("PROJECT").decode(self.codec)
        if project.count(f"Module={old}\r\n") != 1:
            raise VbaProjectError(f"PROJECT stream does not list Module={old} exactly once")
        for record in records:
            if record.id == MODULESTREAMNAME:
                self.root.find("VBA", record.data.decode(self.codec)).name = new
            if record.id in (MODULENAME, MODULESTREAMNAME):
                record.data = new.encode(self.codec)
            elif record.id in (MODULENAMEUNICODE, MODULESTREAMNAMEUNICODE):
                record.data = new.encode("utf-16-le")
        # "Module=Name" in the module list and "Name=x, y, ..." in [Workspace] (MS-OVBA 2.3.1).
        project = re.sub(rf"(?m)^(Module=|){re.escape(old)}(?=\r$|=)", rf"\g<1>{new}", project)
        self.root.find("PROJECT").data = project.encode(self.codec)
        pair = old.encode(self.codec) + b"\0" + old.encode("utf-16-le") + b"\0\0"
        names = self._stream("PROJECTwm")
        if names.count(pair) != 1:
            raise VbaProjectError(f"PROJECTwm does not list {old!r} exactly once")
        new_pair = new.encode(self.codec) + b"\0" + new.encode("utf-16-le") + b"\0\0"
        self.root.find("PROJECTwm").data = names.replace(pair, new_pair)

    def rename_project(self, new: str) -> None:
        """The project name VBA shows (PROJECTNAME and Name= in PROJECT)."""
        if not _IDENTIFIER.match(new):
            raise VbaProjectError(f"invalid VBA project name {new!r}")
        self._first(PROJECTNAME).data = new.encode(self.codec)
        project = self._stream("PROJECT").decode(self.codec)
        project, count = re.subn(r'(?m)^Name="[^"]*"', f'Name="{new}"', project)
        if count != 1:
            raise VbaProjectError("PROJECT stream has no single Name= line")
        self.root.find("PROJECT").data = project.encode(self.codec)

    def save(self) -> None:
        """Write the dir stream back; make the project compile from source on open."""
        self.root.find("VBA", "dir").data = compress(serialize_dir(self.records))
        # Version 0xFFFF: Office ignores every performance cache and compiles from source
        # (MS-OVBA 1.6), so modules whose p-code we dropped and those we did not both work.
        self.root.find("VBA", "_VBA_PROJECT").data = VERSION_INDEPENDENT
        # __SRP_ streams are such caches too (MS-OVBA 2.2.6); leave none behind.
        vba = self.root.find("VBA")
        vba.children = [c for c in vba.children if not c.name.upper().startswith("__SRP_")]

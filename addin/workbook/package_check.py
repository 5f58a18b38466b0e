"""Checks an Office package (.xlsx, .docx) before any XML in it is parsed.

A hostile file can exhaust memory in ways no parser option fully prevents: a zip bomb (a small
member that inflates to gigabytes), hundreds of thousands of parts, or an XML part declaring
entities that expand exponentially ("billion laughs"). The checks read only the zip's central
directory and the first bytes of each XML part, so they cost little on a legitimate workbook
(a 10,000-part one passes) and refuse a hostile one before openpyxl allocates anything.

Python's zipfile never returns more bytes than a member's declared size (and then fails its
CRC check), so the declared sizes checked here bound what a parser can be given.
"""

from __future__ import annotations

import io
import lzma
import os
import struct
import sys
import zipfile
import zlib
from pathlib import Path

from addin.errors import HostilePackage, UnreadableWorkbook
from addin.zip_members import LOCAL_HEADER, UTF8_NAME, local_header

MAX_PARTS = 20_000
# Bytes once uncompressed, all parts together. A competition workbook is a few MB; openpyxl needs
# about 16 times the XML's size in memory (40 MB of cells measured at 650 MB), so this keeps a
# file that passes under a gigabyte.
MAX_TOTAL_SIZE = 50 * 1024 * 1024
RATIO_GRACE = 1024 * 1024  # parts smaller than this uncompressed are not ratio-checked
MAX_PART_RATIO = 200  # uncompressed / compressed, per part above the grace size
MAX_TOTAL_RATIO = 100  # for the whole package, once it is above 10 × the grace size
PROLOG_LIMIT = 64 * 1024  # an XML part's root element must start within this many bytes
# A part's prolog is looked for in this many bytes first, and in up to PROLOG_LIMIT only if they
# do not decide it: a worksheet's root comes within a few hundred bytes, and inflating 64 KB of
# every large part (or decoding the whole of every small one) cost more than the check itself.
FIRST_LOOK = 1024
# A file up to this size is read whole, once: opening each part of a zip on disk costs a seek and
# a read of its header, which for a small workbook's 30-odd parts took as long as calamine's read.
IN_MEMORY_LIMIT = 16 * 1024 * 1024

_XML_SUFFIXES = (".xml", ".rels", ".vml")


def _declared_entries(path: Path) -> int | None:
    """The number of members the end-of-central-directory record declares (None: not found).

    Read before zipfile builds an object per member, so a million-member file is refused cheaply.
    """
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        tail_length = min(size, 22 + 0xFFFF + 20)
        handle.seek(size - tail_length)
        tail = handle.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) - at < 22:
            return None
        (count,) = struct.unpack("<H", tail[at + 10 : at + 12])
        if count != 0xFFFF:
            return int(count)
        locator = tail.rfind(b"PK\x06\x07", 0, at)  # zip64: the count is in its own record
        if locator < 0:
            return None
        (offset,) = struct.unpack("<Q", tail[locator + 8 : locator + 16])
        handle.seek(offset)
        record = handle.read(56)
        if record[:4] != b"PK\x06\x06" or len(record) < 40:
            return None
        return int(struct.unpack("<Q", record[32:40])[0])


def _prolog_end(head: bytes) -> tuple[str, int, int]:
    """Where the prolog of `head` (a part's first bytes) ends: ("root", at, length) at the first
    character that is not prolog (the root element, or text a parser will reject as malformed),
    ("dtd", at, length) at a DTD, or ("open", at, length) if the text runs out first; `length`
    is the length of the decoded text."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("utf-8", errors="ignore")
    at = 0
    while True:
        at = len(text) - len(text[at:].lstrip())
        if text.startswith("\ufeff", at):
            at += 1
        elif text.startswith("<?", at):
            end = text.find("?>", at)
            if end < 0:
                return "open", at, len(text)
            at = end + 2
        elif text.startswith("<!--", at):
            end = text.find("-->", at)
            if end < 0:
                return "open", at, len(text)
            at = end + 3
        elif text.startswith("<!", at):
            return "dtd", at, len(text)
        elif at < len(text):
            return "root", at, len(text)
        else:
            return "open", at, len(text)


_DTD = "declares a DTD (entity definitions), which a workbook never has"
# Characters needed past the prolog to tell a comment ("<!--") from a DTD ("<!") or a processing
# instruction ("<?") from the root ("<"), when more of the part follows.
_LOOKAHEAD = len("<!--")


def _prolog_problem(head: bytes) -> str | None:
    """Why an XML part's prolog is refused: a DTD (entities), or no root element in sight.

    Office packages never contain a DTD (ECMA-376 Part 2 forbids them), so refusing any DTD is
    safe and takes entity expansion off the table whatever parser reads the part later.
    """
    if len(head) > FIRST_LOOK:
        decided, problem = _first_look(head[:FIRST_LOOK])
        if decided:
            return problem
    found, _, _ = _prolog_end(head)
    if found == "dtd":
        return _DTD
    if found == "root" or len(head) < PROLOG_LIMIT:
        return None  # a short or empty part: the parser reports it if it is malformed
    return f"has no XML root element in its first {PROLOG_LIMIT // 1024} KB"


def _first_look(head: bytes) -> tuple[bool, str | None]:
    """Whether the first bytes of a longer part decide its prolog check, and if so as
    `_prolog_problem`: not while the prolog runs on, or too few characters follow it to say
    what comes next."""
    found, at, length = _prolog_end(head)
    if found == "open" or length - at < _LOOKAHEAD:
        return False, None
    return True, _DTD if found == "dtd" else None


def _size_problem(members: list[zipfile.ZipInfo]) -> str | None:
    if len(members) > MAX_PARTS:
        return f"has {len(members):,} parts (a workbook has at most {MAX_PARTS:,})"
    total = sum(m.file_size for m in members)
    for m in members:
        if m.file_size > RATIO_GRACE and m.file_size > MAX_PART_RATIO * max(m.compress_size, 1):
            ratio = m.file_size // max(m.compress_size, 1)
            return (
                f"{m.filename} is compressed {ratio:,} to 1 (a zip bomb: at most "
                f"{MAX_PART_RATIO} to 1 is accepted)"
            )
    compressed = sum(m.compress_size for m in members)
    if total > 10 * RATIO_GRACE and total > MAX_TOTAL_RATIO * max(compressed, 1):
        return (
            f"is compressed {total // max(compressed, 1):,} to 1 overall (a zip bomb: at most "
            f"{MAX_TOTAL_RATIO} to 1 is accepted)"
        )
    if total > MAX_TOTAL_SIZE:
        return (
            f"would take {total // 2**20:,} MB once uncompressed (the limit is "
            f"{MAX_TOTAL_SIZE // 2**20} MB)"
        )
    return None


def check_package(path: Path) -> None:
    """Raises HostilePackage (an UnreadableWorkbook) when `path` must not be parsed."""
    archive, _ = open_checked(path)
    archive.close()


def open_checked(path: Path) -> tuple[zipfile.ZipFile, dict[str, bytes]]:
    """As `check_package`, and returns the zip, open (the caller closes it), with the XML parts
    it read whole (those under PROLOG_LIMIT), so a reader need not unzip them again."""
    declared = _declared_entries(path)
    if declared is not None and declared > MAX_PARTS:
        raise HostilePackage(path, f"has {declared:,} parts (a workbook has at most {MAX_PARTS:,})")
    archive = None
    try:
        data = _small_file_bytes(path)
        archive = zipfile.ZipFile(path if data is None else io.BytesIO(data))
        return archive, _checked_members(path, archive, data)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, EOFError) as exc:
        raise UnreadableWorkbook(
            path,
            # (zipfile's EOFError for a part cut short says nothing)
            f"the file is damaged or not a valid .xlsx ({str(exc) or 'a part is cut short'})",
            "Open it in Excel, let Excel repair it, and save it again.",
        ) from exc
    finally:
        if archive is not None and sys.exc_info()[0] is not None:
            archive.close()


def _small_file_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if os.stat(path).st_size <= IN_MEMORY_LIMIT else None
    except OSError:
        return None  # zipfile raises the error, in its usual words


def _checked_members(path: Path, archive: zipfile.ZipFile, data: bytes | None) -> dict[str, bytes]:
    whole: dict[str, bytes] = {}
    members = archive.infolist()
    problem = _size_problem(members)
    if problem:
        raise HostilePackage(path, problem)
    for member in members:
        if not member.filename.lower().endswith(_XML_SUFFIXES):
            continue
        if member.file_size < PROLOG_LIMIT:
            head = _head(archive, data, member, PROLOG_LIMIT)
            problem = _prolog_problem(head)
            whole[member.filename] = head
        else:
            problem = _large_part_problem(archive, data, member)
        if problem:
            raise HostilePackage(path, f"{member.filename} {problem}")
    return whole


def _head(
    archive: zipfile.ZipFile, data: bytes | None, member: zipfile.ZipInfo, size: int
) -> bytes:
    """The part's first `size` bytes (all of it if shorter)."""
    head = _plain_head(data, member, size) if data is not None else None
    if head is None:
        try:
            with archive.open(member) as part:
                head = part.read(size)
        except (zlib.error, lzma.LZMAError) as exc:  # zipfile lets its decompressors' errors out
            raise zipfile.BadZipFile(f"{member.filename}: {exc}") from exc
        except OSError as exc:
            if exc.errno is not None:
                raise  # the disk, not the data
            raise zipfile.BadZipFile(f"{member.filename}: {exc}") from exc  # bzip2's
    return head


def _large_part_problem(
    archive: zipfile.ZipFile, data: bytes | None, member: zipfile.ZipInfo
) -> str | None:
    """The prolog check of a part of PROLOG_LIMIT bytes or more, on its first FIRST_LOOK bytes
    when they decide it, else on its first PROLOG_LIMIT bytes exactly as for any part."""
    decided, problem = _first_look(_head(archive, data, member, FIRST_LOOK))
    if decided:
        return problem
    return _prolog_problem(_head(archive, data, member, PROLOG_LIMIT))


_UNUSUAL_FLAGS = 0x01 | 0x20 | 0x40  # encrypted, compressed patch data, strong encryption


def _plain_head(data: bytes, member: zipfile.ZipInfo, limit: int = PROLOG_LIMIT) -> bytes | None:
    """What `archive.open(member).read(limit)` gives, taken from the zip's bytes directly
    (zipfile's file object per part cost as much as the rest of the check together), or None for
    anything but a well-formed stored or deflated part: zipfile then reads it, and reports any
    damage in its own words. A part read whole must match its declared size and CRC."""
    if member.flag_bits & _UNUSUAL_FLAGS or member.compress_type not in (
        zipfile.ZIP_STORED,
        zipfile.ZIP_DEFLATED,
    ):
        return None
    local = local_header(data, member.header_offset)
    if local is None:
        return None
    flags, name_length, extra_length = local
    start = member.header_offset + LOCAL_HEADER.size
    name = data[start : start + name_length]
    if member.orig_filename != name.decode("utf-8" if flags & UTF8_NAME else "cp437", "replace"):
        return None
    start += name_length + extra_length
    raw = data[start : start + member.compress_size]
    wanted = min(limit, member.file_size)
    try:
        if member.compress_type == zipfile.ZIP_STORED:
            head = raw[:wanted]
        else:
            head = zlib.decompressobj(-zlib.MAX_WBITS).decompress(raw, wanted)
    except zlib.error:
        return None
    if len(head) != wanted:
        return None
    read_whole = wanted == member.file_size < PROLOG_LIMIT  # (as before: a 64 KB part is not)
    if read_whole and zlib.crc32(head) != member.CRC:
        return None
    return head

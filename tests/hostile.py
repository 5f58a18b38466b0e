"""Hostile and damaged workbooks, built by code from a good one (never committed binaries)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

Change = Callable[[str, bytes], bytes]

# Nine levels of ten: 10^9 "lol"s (3 GB) if a parser expanded the entities.
BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE workbook [\n<!ENTITY lol0 "lol">\n'
    + b"".join(b'<!ENTITY lol%d "%s">\n' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10))
    + b"]>\n"
)
BOMB_SIZE = 50 * 1024 * 1024  # inflates from about 50 KB


def rewrite(good: Path, out: Path, change: Change, extra: dict[str, bytes] | None = None) -> Path:
    """A copy of `good` with each part passed through `change(name, data)`."""
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, change(info.filename, src.read(info)))
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return out


def _stream(out: zipfile.ZipFile, name: str, head: bytes, filler: bytes, tail: bytes) -> None:
    """Writes a part of BOMB_SIZE bytes without holding it in memory."""
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with out.open(info, "w", force_zip64=True) as part:
        part.write(head)
        chunk = filler * (1024 * 1024 // len(filler))
        for _ in range(BOMB_SIZE // len(chunk)):
            part.write(chunk)
        part.write(tail)


def _override(part: str) -> bytes:
    kind = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    return b'<Override PartName="/%s" ContentType="%s"/>' % (part.encode(), kind)


def bomb(good: Path, out: Path, part: str) -> Path:
    """`part` (a worksheet or sharedStrings.xml) replaced by 50 MB of whitespace or text that
    deflates about 1000 to 1: parsed, it would fill memory with nothing useful."""
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml" and part not in src.namelist():
                data = data.replace(b"</Types>", _override(part) + b"</Types>")
            if info.filename != part:
                dst.writestr(info.filename, data)
        if part.endswith("sharedStrings.xml"):
            ns = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
            head = b'<sst xmlns="%s" count="1" uniqueCount="1"><si><t>' % ns
            _stream(dst, part, head, b"A", b"</t></si></sst>")
        else:
            data = src.read(part)
            cut = data.index(b"<sheetData")
            _stream(dst, part, data[:cut], b" ", data[cut:])
    return out


def billion_laughs(good: Path, out: Path) -> Path:
    def change(name: str, data: bytes) -> bytes:
        if name != "xl/workbook.xml":
            return data
        data = data.replace(
            b"<definedNames/>",
            b"<definedNames><definedName name='x'>&lol9;</definedName></definedNames>",
        )
        return BILLION_LAUGHS + data

    return rewrite(good, out, change)


def malformed_sheet(good: Path, out: Path) -> Path:
    def change(name: str, data: bytes) -> bytes:
        return data[: len(data) // 2] if name == "xl/worksheets/sheet1.xml" else data

    return rewrite(good, out, change)


def too_many_parts(good: Path, out: Path, parts: int) -> Path:
    extra = {f"customXml/item{i}.xml": b"<a/>" for i in range(parts)}
    return rewrite(good, out, lambda _name, data: data, extra)

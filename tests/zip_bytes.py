"""A zip member's bytes exactly as the file stores them, for tests of copied members."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path


def stored(path: Path, name: str) -> tuple[int, bytes]:
    """The member's compression method and its bytes as stored: after its local header (30
    bytes, then the name and extra field, whose lengths are at offsets 26 and 28)."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    data = path.read_bytes()
    start = info.header_offset
    name_length, extra_length = struct.unpack("<HH", data[start + 26 : start + 30])
    start += 30 + name_length + extra_length
    return info.compress_type, data[start : start + info.compress_size]

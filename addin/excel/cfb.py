"""A small reader and writer for OLE compound files (MS-CFB), enough for vbaProject.bin.

Why our own: olefile can only overwrite a stream with one of the same size, and rewriting VBA
changes sizes; it is also only a dev dependency. The writer makes a clean version 3 file
(512-byte sectors, no DIFAT, a mini stream for streams under 4096 bytes) from a tree of
`Entry` objects, keeping each entry's CLSID, state bits and timestamps. Tests read the result
back with olefile and oletools, which share no code with this module.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")
FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_HEADER = struct.Struct("<8s16sHHHHH6sIIIIIIIII109I")
_DIRENTRY = struct.Struct("<64sHBBIII16sIQQIQ")
_SECTOR, _MINI, _CUTOFF = 512, 64, 4096
_STORAGE, _STREAM, _ROOT = 1, 2, 5
_RED, _BLACK = 0, 1


class CompoundFileError(ValueError):
    """The bytes are not a compound file this module can read or write."""


@dataclass
class Entry:
    """A storage (data is None, has children) or a stream (data is bytes)."""

    name: str
    data: bytes | None = None
    children: list[Entry] = field(default_factory=list)
    clsid: bytes = bytes(16)
    state_bits: int = 0
    created: int = 0
    modified: int = 0

    def find(self, *path: str) -> Entry:
        """The descendant at path; names compare case-insensitively, as in MS-CFB."""
        node = self
        for name in path:
            matches = [c for c in node.children if c.name.upper() == name.upper()]
            if not matches:
                raise KeyError("/".join(path))
            node = matches[0]
        return node

    def walk(self, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Entry]]:
        """Every descendant with its path, parents before children."""
        for child in self.children:
            path = (*prefix, child.name)
            yield path, child
            yield from child.walk(path)


# --- reading -------------------------------------------------------------------------------


class _Reader:
    """Random access to the sectors, chains and streams of one compound file."""

    def __init__(self, blob: bytes) -> None:
        if len(blob) < 512 or blob[:8] != SIGNATURE:
            raise CompoundFileError("not an OLE compound file")
        self.blob = blob
        head = _HEADER.unpack_from(blob)
        self.size, self.cutoff = 1 << head[5], head[12]
        self.fat = self._words(self._fat_sectors(head))
        directory = self._read(head[10], self.fat, self.size)
        self.raw = [_DIRENTRY.unpack_from(directory, i) for i in range(0, len(directory), 128)]
        self.mini_stream = self._read(self.raw[0][11], self.fat, self.size)
        self.minifat = list(self._words(self._chain(head[13], self.fat)))

    def _sector(self, n: int) -> bytes:
        return self.blob[(n + 1) * self.size : (n + 2) * self.size]

    def _words(self, sectors: list[int]) -> list[int]:
        data = b"".join(self._sector(s) for s in sectors)
        return list(struct.unpack(f"<{len(data) // 4}I", data))

    def _fat_sectors(self, head: tuple[Any, ...]) -> list[int]:
        found = [s for s in head[17:] if s < FATSECT]
        difat = head[15]
        for _ in range(head[16]):  # DIFAT sectors continue the header's 109 FAT locations
            words = self._words([difat])
            found += [s for s in words[:-1] if s < FATSECT]
            difat = words[-1]
        return found

    def _chain(self, start: int, table: list[int]) -> list[int]:
        out: list[int] = []
        while start < FATSECT:
            if start >= len(table) or len(out) > len(table):
                raise CompoundFileError("broken sector chain")
            out.append(start)
            start = table[start]
        return out

    def _read(self, start: int, table: list[int], unit: int) -> bytes:
        if unit == self.size:
            return b"".join(self._sector(s) for s in self._chain(start, table))
        mini = self.mini_stream
        return b"".join(mini[s * unit : (s + 1) * unit] for s in self._chain(start, table))

    def entry(self, sid: int, seen: set[int]) -> Entry:
        if sid in seen or sid >= len(self.raw):
            raise CompoundFileError("directory tree has a loop or a bad id")
        seen.add(sid)
        name, name_len, kind, _, _, _, child, clsid, state, created, modified, start, size = (
            self.raw[sid]
        )
        entry = Entry(name[: max(name_len - 2, 0)].decode("utf-16-le"), None, [], clsid)
        entry.state_bits, entry.created, entry.modified = state, created, modified
        if kind == _STREAM:
            table, unit = (self.minifat, _MINI) if size < self.cutoff else (self.fat, self.size)
            entry.data = self._read(start, table, unit)[:size]
        elif kind in (_STORAGE, _ROOT):
            entry.children = [self.entry(c, seen) for c in _siblings(child, self.raw)]
        else:
            raise CompoundFileError(f"directory entry {sid} is unused but linked")
        return entry


def read_compound_file(blob: bytes) -> Entry:
    """The root storage of a compound file, with every stream's bytes loaded."""
    return _Reader(blob).entry(0, set())


def _siblings(sid: int, raw: list[tuple[Any, ...]]) -> list[int]:
    """In-order walk of one storage's red-black tree of children."""
    out: list[int] = []
    stack: list[int] = []
    while stack or sid != NOSTREAM:
        if len(out) + len(stack) > len(raw):
            raise CompoundFileError("directory tree has a loop")
        if sid != NOSTREAM:
            stack.append(sid)
            sid = raw[sid][4]  # left sibling
        else:
            sid = stack.pop()
            out.append(sid)
            sid = raw[sid][5]  # right sibling
    return out


# --- writing -------------------------------------------------------------------------------


def _order_key(entry: Entry) -> tuple[int, str]:
    # MS-CFB 2.6.4: shorter names sort first, then by upper-cased UTF-16 code unit.
    return len(entry.name.encode("utf-16-le")), "".join(
        ch.upper() if len(ch.upper()) == 1 else ch for ch in entry.name
    )


@dataclass
class _Slot:
    entry: Entry
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    color: int = _BLACK
    start: int = ENDOFCHAIN  # first sector; an empty stream has none


def _tree(sids: list[int], slots: list[_Slot]) -> int:
    """Link sorted sibling ids as a balanced tree and colour it; returns the root id.

    A midpoint-built tree has every empty link at depth D or D + 1 (D = deepest node), so
    making the deepest level red when the tree is not perfect satisfies the red-black rules
    MS-CFB asks for: equal black height on every path and no red node with a red child.
    """
    depth_of: dict[int, int] = {}

    def build(lo: int, hi: int, depth: int) -> int:
        if lo >= hi:
            return NOSTREAM
        mid = (lo + hi) // 2
        sid = sids[mid]
        depth_of[sid] = depth
        slots[sid].left = build(lo, mid, depth + 1)
        slots[sid].right = build(mid + 1, hi, depth + 1)
        return sid

    root = build(0, len(sids), 0)
    deepest = max(depth_of.values(), default=0)
    if len(sids) != (1 << (deepest + 1)) - 1:
        for sid, depth in depth_of.items():
            slots[sid].color = _RED if depth == deepest else _BLACK
    return root


def _flatten(root: Entry) -> list[_Slot]:
    """Directory slots in depth-first order, each storage's children linked as a tree."""
    slots = [_Slot(root)]

    def visit(index: int) -> None:
        children = sorted(slots[index].entry.children, key=_order_key)
        if len({_order_key(c) for c in children}) != len(children):
            raise CompoundFileError(f"duplicate names under {slots[index].entry.name!r}")
        first = len(slots)
        # MS-CFB 2.6.3: a storage's starting sector and size are zero.
        slots.extend(
            _Slot(child, start=0 if child.data is None else ENDOFCHAIN) for child in children
        )
        ids = list(range(first, len(slots)))
        slots[index].child = _tree(ids, slots)
        for sid in ids:
            if slots[sid].entry.data is None:
                visit(sid)

    visit(0)
    return slots


def _pad(data: bytes, unit: int) -> bytes:
    return data + bytes(-len(data) % unit)


def _table(values: list[int]) -> bytes:
    """A FAT or mini FAT, padded with free entries to whole sectors."""
    padded = values + [FREESECT] * (-len(values) % (_SECTOR // 4))
    return struct.pack(f"<{len(padded)}I", *padded)


def _direntry(slot: _Slot, kind: int, size: int) -> bytes:
    name = slot.entry.name.encode("utf-16-le")
    if len(name) > 62 or any(ch in slot.entry.name for ch in "/\\:!"):
        raise CompoundFileError(f"invalid entry name {slot.entry.name!r}")
    e = slot.entry
    return _DIRENTRY.pack(
        name, len(name) + 2, kind, slot.color, slot.left, slot.right, slot.child,
        e.clsid, e.state_bits, e.created, e.modified, slot.start, size,
    )  # fmt: skip


def _chain(table: list[int], count: int) -> int:
    """Append a chain of count sectors to a FAT; its first sector, or ENDOFCHAIN if empty."""
    if not count:
        return ENDOFCHAIN
    first = len(table)
    table.extend(range(first + 1, first + count))
    table.append(ENDOFCHAIN)
    return first


def _place_streams(slots: list[_Slot]) -> tuple[bytes, bytes, list[int], list[int]]:
    """Streams under 4096 bytes go to the mini stream (64-byte units), the rest to sectors."""
    big, mini = bytearray(), bytearray()
    fat: list[int] = []
    minifat: list[int] = []
    for slot in slots[1:]:
        data = slot.entry.data
        if not data:
            continue
        table, body, unit = (minifat, mini, _MINI) if len(data) < _CUTOFF else (fat, big, _SECTOR)
        slot.start = _chain(table, -(-len(data) // unit))
        body += _pad(data, unit)
    return bytes(big), bytes(mini), fat, minifat


def _directory(slots: list[_Slot], mini_size: int) -> bytes:
    entries = [_direntry(slots[0], _ROOT, mini_size)]  # the root's stream is the mini stream
    entries += [
        _direntry(s, _STORAGE, 0) if s.entry.data is None else
        _direntry(s, _STREAM, len(s.entry.data))
        for s in slots[1:]
    ]  # fmt: skip
    free = _DIRENTRY.pack(b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, bytes(16), 0, 0, 0, 0, 0)
    entries += [free] * (-len(entries) % (_SECTOR // 128))
    return b"".join(entries)


def _add_fat_sectors(fat: list[int]) -> list[int]:
    """Reserve the sectors that hold the FAT itself, which the FAT must also cover."""
    count = 1
    while count * (_SECTOR // 4) < len(fat) + count:
        count += 1
    if count > 109:  # more would need DIFAT sectors; vbaProject.bin is far below 7 MB
        raise CompoundFileError("file too large for a FAT without DIFAT sectors")
    first = len(fat)
    fat.extend([FATSECT] * count)
    return list(range(first, first + count))


def write_compound_file(root: Entry) -> bytes:
    """Serialise root as a version 3 compound file; the same tree gives the same bytes.

    Layout after the header: large streams, the mini stream, the mini FAT, the directory,
    then the FAT.
    """
    slots = _flatten(root)
    big, mini, fat, minifat = _place_streams(slots)
    mini_sectors = _pad(mini, _SECTOR)
    slots[0].start = _chain(fat, len(mini_sectors) // _SECTOR)
    minifat_bytes = _table(minifat) if minifat else b""
    minifat_start = _chain(fat, len(minifat_bytes) // _SECTOR)
    directory = _directory(slots, len(mini))
    dir_start = _chain(fat, len(directory) // _SECTOR)
    fat_sectors = _add_fat_sectors(fat)
    header = _HEADER.pack(
        SIGNATURE, bytes(16), 0x3E, 3, 0xFFFE, 9, 6, bytes(6), 0, len(fat_sectors), dir_start,
        0, _CUTOFF, minifat_start, len(minifat_bytes) // _SECTOR, ENDOFCHAIN, 0,
        *(fat_sectors + [FREESECT] * (109 - len(fat_sectors))),
    )  # fmt: skip
    return header + big + mini_sectors + minifat_bytes + directory + _table(fat)

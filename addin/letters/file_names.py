"""Letter file names that are distinct, and valid on Windows, macOS and Linux alike.

`<reference>_<supplier id>_<outcome>.docx`, each part normalised (NFKC, accents dropped, then
only ASCII letters, digits, `.`, `_` and `-`). Supplier IDs come from officers' spreadsheets:
`a/b` and `a-b`, `é1` and `è1`, or `AB` and `ab` (one file on a case-insensitive disk) come out
the same. Every letter in such a clash gets a short code made from its exact supplier ID, so
the same supplier always gets the same name whatever order the bids are in, and no letter
overwrites another. Names are at most MAX_NAME characters (cut the same way every time), never
a Windows device name (CON, PRN, AUX, NUL, COM1–9, LPT1–9) and never end in a dot or a space.

Everything here is decided from the IDs alone, before any file is written.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping

MAX_NAME = 120
LETTER_SUFFIX = ".docx"
NOTICE_SUFFIX = ".txt"
_REFERENCE_ROOM = 40
_OUTCOME_ROOM = 20
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in range(1, 10)}
# Code lengths tried in turn when two names still clash (a 32-bit code clashing is a 1 in 4
# billion chance per pair; the last resort, a counter, is there so the rule has no exception).
_CODE_LENGTHS = (8, 16, 32)


def safe_part(text: str, fallback: str) -> str:
    """`text` as ASCII letters, digits, `.`, `_` and `-`; `fallback` when nothing is left."""
    folded = unicodedata.normalize("NFKC", text)
    # é → e: keep the letter, drop the accent (NFKD splits them), rather than lose the letter.
    ascii_only = "".join(
        c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
    )
    cleaned = _UNSAFE.sub("-", ascii_only).strip("-. ")
    return cleaned or fallback


def _not_a_device(part: str) -> str:
    # Windows treats `CON.anything` as the console: look at the text before the first dot.
    return f"_{part}" if part.split(".")[0].upper() in _RESERVED else part


def _code(supplier_id: str, length: int) -> str:
    return hashlib.sha256(supplier_id.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def _name(reference: str, supplier_id: str, outcome: str, code: str) -> str:
    """One letter's name; `code` (may be empty) distinguishes suppliers whose IDs clash."""
    ref = _not_a_device(safe_part(reference, "competition")[:_REFERENCE_ROOM].rstrip("-. "))
    tail = safe_part(outcome.replace(" ", "-"), "letter")[:_OUTCOME_ROOM]
    tail = f"-{code}_{tail}" if code else f"_{tail}"
    room = MAX_NAME - len(ref) - 1 - len(tail) - len(LETTER_SUFFIX)
    sid = safe_part(supplier_id, "supplier")[:room].rstrip("-. ") or "supplier"
    return f"{ref}_{sid}{tail}{LETTER_SUFFIX}"


def letter_file_names(reference: str, letters: Iterable[tuple[str, str]]) -> dict[str, str]:
    """For (supplier ID, outcome) pairs with distinct IDs: each ID's file name.

    The names are distinct even ignoring case, and depend only on the set of IDs, never on
    their order.
    """
    outcomes: Mapping[str, str] = dict(letters)
    codes = dict.fromkeys(outcomes, "")

    def named() -> dict[str, str]:
        return {sid: _name(reference, sid, outcomes[sid], codes[sid]) for sid in outcomes}

    names = named()
    for length in _CODE_LENGTHS:
        clashes = _clashing(names)
        if not clashes:
            return names
        codes.update({sid: _code(sid, length) for sid in clashes})
        names = named()
    clashes = _clashing(names)
    return _numbered(names, clashes) if clashes else names


def _clashing(names: Mapping[str, str]) -> list[str]:
    groups: dict[str, list[str]] = defaultdict(list)
    for sid, name in names.items():
        groups[name.casefold()].append(sid)
    return sorted(sid for group in groups.values() if len(group) > 1 for sid in group)


def _numbered(names: Mapping[str, str], clashes: list[str]) -> dict[str, str]:
    """The last resort, never met in practice: number what still clashes, in ID order."""
    out = dict(names)
    taken = {n.casefold() for sid, n in names.items() if sid not in clashes}
    for sid in clashes:  # sorted: the numbering does not depend on the input order
        stem, counter = out[sid][: -len(LETTER_SUFFIX)], 2
        while (
            candidate := f"{stem[: MAX_NAME - 10]}-{counter}{LETTER_SUFFIX}"
        ).casefold() in taken:
            counter += 1
        out[sid] = candidate
        taken.add(candidate.casefold())
    return out


def notice_file_name(reference: str) -> str:
    """The award notice for the DPS owner: `<reference>_award_notice-to-Oldham.txt`."""
    ref = _not_a_device(safe_part(reference, "competition")[:_REFERENCE_ROOM].rstrip("-. "))
    return f"{ref}_award_notice-to-Oldham{NOTICE_SUFFIX}"

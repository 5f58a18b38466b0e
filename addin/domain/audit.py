"""The audit trail: append-only rows, each hash-chained to the one before.

Chain of row n = SHA-256 hex of ``chain(n-1) + "\\n" + content(n)``, where chain(0) is empty and
content is When (``YYYY-MM-DDTHH:MM:SS``), Who, Action, Details and Fingerprint joined by a
unit separator (U+001F). Editing, inserting or deleting a row breaks every chain after it; the
Lock sheet also records the row count and the last chain, so deleting the last row shows too.
This makes casual or accidental edits evident; it is not a secret-keyed signature.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict

from addin.domain.problems import FieldRef, Problem, error
from addin.domain.schema import AUDIT

_SEPARATOR = "\x1f"


class AuditEntry(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    when: datetime
    who: str
    action: str
    details: str = ""
    fingerprint: str = ""
    chain: str = ""

    def content(self) -> str:
        when = self.when.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%S")
        return _SEPARATOR.join((when, self.who, self.action, self.details, self.fingerprint))


def link(previous_chain: str, entry: AuditEntry) -> AuditEntry:
    digest = hashlib.sha256(f"{previous_chain}\n{entry.content()}".encode()).hexdigest()
    return entry.model_copy(update={"chain": digest, "when": entry.when.replace(microsecond=0)})


def _broken(row: int, why: str) -> Problem:
    return error(
        "AUDIT_TRAIL_BROKEN",
        f"The audit trail has been altered at row {row + 1} ({why}). Audit rows are written by "
        "the add-in only: restore the workbook from its latest backup.",
        FieldRef(table=AUDIT.name, row=row, column="Chain"),
    )


def check_chain(
    entries: list[AuditEntry], expected_count: int | None, expected_head: str | None
) -> list[Problem]:
    """The first altered row, if any (later rows follow from it)."""
    previous = ""
    for row, entry in enumerate(entries):
        if link(previous, entry).chain != entry.chain:
            return [_broken(row, "its content or the row before it was changed, added or deleted")]
        previous = entry.chain
    if expected_count is not None and len(entries) != expected_count:
        return [
            _broken(
                len(entries) - 1 if entries else 0,
                f"{expected_count} rows were recorded, {len(entries)} remain",
            )
        ]
    if expected_head is not None and previous != expected_head:
        return [_broken(max(len(entries) - 1, 0), "the last row does not match the Lock record")]
    return []


def _when(value: object) -> datetime | None:
    if isinstance(value, datetime):
        # Excel keeps times as fractions of a day: round away the float noise.
        return (value + timedelta(microseconds=500_000)).replace(microsecond=0)
    return None


def read_audit_rows(rows: list[dict[str, object]]) -> tuple[list[AuditEntry], list[Problem]]:
    entries: list[AuditEntry] = []
    for index, row in enumerate(rows):
        if not any(v not in (None, "") for v in row.values()):
            continue
        when = _when(row.get("When"))
        if when is None:
            return entries, [_broken(index, "its When is not a date and time")]
        entries.append(
            AuditEntry(
                when=when,
                **{k: "" if row.get(c) is None else str(row.get(c)) for k, c in _TEXT.items()},
            )
        )
    return entries, []


_TEXT = {
    "who": "Who",
    "action": "Action",
    "details": "Details",
    "fingerprint": "Fingerprint",
    "chain": "Chain",
}


def entry_row(entry: AuditEntry) -> dict[str, object]:
    return {
        "When": entry.when,
        "Who": entry.who,
        "Action": entry.action,
        "Details": entry.details,
        "Fingerprint": entry.fingerprint,
        "Chain": entry.chain,
    }

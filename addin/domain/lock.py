"""What is locked at launch, its fingerprint, and every change made to it since.

The locked values are everything bidders were told they would be judged on: each criterion row
(ID, category, wording, weight, max and minimum score, guidance), the price scoring method,
the score scale, the moderation method, the tie-break rule, the lot and the closing date; and
the date of the membership list the invitations were sent from.

Canonical serialisation (documented in the README; do not change without a migration): one line
per locked value, in the order of `locked_values`, as ``item<TAB>value`` joined by ``\\n``,
UTF-8 encoded; the fingerprint is the SHA-256 hex digest of that text. Values are normalised
(trimmed text, decimals without trailing zeros, ISO dates) so re-saving an unchanged workbook
never changes the fingerprint.

Items added in later versions (Tie-break rule, Members list dated) are compared only when the
stored record has them or they are no longer blank: a competition launched before they existed
keeps a valid lock, and an item that is blank now reads as it did then (absent).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from addin.domain.models import CompetitionFile, Criterion
from addin.domain.problems import FieldRef, Problem, error
from addin.domain.schema import COMPETITION, CRITERIA

LOCKED_FIELDS = (
    "Lot",
    "Closing date",
    "Price scoring method",
    "Score scale maximum",
    "Moderation method",
    "Tie-break rule",
    "Members list dated",
)
CRITERION_COLUMNS = (
    "ID",
    "Category",
    "Criterion",
    "Weight %",
    "Max score",
    "Minimum score",
    "Guidance",
)


# LockedValue and Change are plain frozen dataclasses (as FieldRef): the domain builds every one
# from values it has already read, and a scored workbook's seal holds thousands of them.
@dataclass(frozen=True, slots=True)
class LockedValue:
    item: str
    value: str
    field: FieldRef | None = None


@dataclass(frozen=True, slots=True)
class Change:
    item: str
    old: str | None
    new: str | None
    field: FieldRef | None = None

    def describe(self) -> str:
        if self.old is None:
            return f"{self.item} added ({self.new})"
        if self.new is None:
            return f"{self.item} deleted (was {self.old})"
        return f"{self.item} changed from {self.old or 'blank'} to {self.new or 'blank'}"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if hasattr(value, "value"):  # enums
        return str(value.value)
    return str(value).strip()


def _criterion_values(position: int, c: Criterion) -> list[LockedValue]:
    values = (c.id, c.category, c.text, c.weight, c.max_score, c.minimum_score, c.guidance)
    return [
        LockedValue(
            item=f"Criterion {position} {column}",
            value=_text(value),
            field=FieldRef(table=CRITERIA.name, row=c.row, column=column),
        )
        for column, value in zip(CRITERION_COLUMNS, values, strict=True)
    ]


def locked_values(file: CompetitionFile) -> list[LockedValue]:
    c = file.competition
    fields = (
        c.lot,
        c.closing_date,
        c.price_method,
        c.score_scale_max,
        c.moderation_method,
        # As typed: blank means the default rule, and stays blank so older locks still match.
        c.tie_break_rule,
        c.members_list_dated,
    )
    values = [
        LockedValue(
            item=name,
            value=_text(value),
            field=FieldRef(table=COMPETITION.name, row=name, column="Value"),
        )
        for name, value in zip(LOCKED_FIELDS, fields, strict=True)
    ]
    values.append(LockedValue(item="Criteria count", value=str(len(file.criteria))))
    for position, criterion in enumerate(file.criteria, start=1):
        values += _criterion_values(position, criterion)
    return values


def canonical_text(values: list[LockedValue]) -> str:
    return "\n".join(f"{v.item}\t{v.value}" for v in values)


def fingerprint(values: list[LockedValue]) -> str:
    return hashlib.sha256(canonical_text(values).encode("utf-8")).hexdigest()


def changes_since_launch(stored: list[LockedValue], current: list[LockedValue]) -> list[Change]:
    """Every item whose value differs, appeared or disappeared, in the stored order."""
    before = {v.item: v for v in stored}
    now = {v.item: v for v in current}
    changes = []
    for item in dict.fromkeys([*before, *now]):
        old, new = before.get(item), now.get(item)
        if old and new and old.value == new.value:
            continue
        if old is None and new is not None and new.value == "":
            continue  # an item the record predates, still blank: nothing has changed
        place = new.field if new else old.field if old else None
        changes.append(
            Change(
                item=item,
                old=old.value if old else None,
                new=new.value if new else None,
                field=place,
            )
        )
    return changes


def tamper_problems(reference: str, changes: list[Change]) -> list[Problem]:
    """One CRITERIA_CHANGED_AFTER_LAUNCH per change, each naming its cell."""
    return [
        error(
            "CRITERIA_CHANGED_AFTER_LAUNCH",
            f"{change.describe()} after the competition was launched. The published criteria "
            "cannot change: restore the launched value (see the Lock sheet), or extend the "
            "closing date with `dps extend` if that is what you meant.",
            *((change.field,) if change.field else ()),
        )
        for change in changes
    ]


# --- The Lock record as stored in the workbook (table tblLock: Item | Value) ----------------

FINGERPRINT_ITEM = "Fingerprint"
AUDIT_ROWS_ITEM = "Audit rows"
AUDIT_HEAD_ITEM = "Audit head"
_META = (FINGERPRINT_ITEM, AUDIT_ROWS_ITEM, AUDIT_HEAD_ITEM)


class LockRecord(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    fingerprint: str
    audit_rows: int
    audit_head: str
    values: tuple[LockedValue, ...]

    def rows(self) -> list[dict[str, object]]:
        meta = {
            FINGERPRINT_ITEM: self.fingerprint,
            AUDIT_ROWS_ITEM: str(self.audit_rows),
            AUDIT_HEAD_ITEM: self.audit_head,
        }
        pairs = [*meta.items(), *((v.item, v.value) for v in self.values)]
        return [{"Item": item, "Value": value} for item, value in pairs]


def read_item_rows(
    table: str, rows: list[dict[str, object]], meta_items: tuple[str, ...]
) -> tuple[dict[str, str], list[LockedValue]]:
    """An Item | Value record as its meta items and its values; each value remembers its row."""
    meta: dict[str, str] = {}
    values = []
    for index, row in enumerate(rows):
        item = str(row.get("Item") or "").strip()
        value = "" if row.get("Value") is None else str(row.get("Value"))
        if item in meta_items:
            meta[item] = value
        elif item:
            values.append(
                LockedValue(
                    item=item, value=value, field=FieldRef(table=table, row=index, column="Value")
                )
            )
    return meta, values


def read_lock_rows(table: str, rows: list[dict[str, object]]) -> LockRecord:
    """The stored record; each locked value remembers its Lock-sheet row for deleted items."""
    meta, values = read_item_rows(table, rows, _META)
    count = meta.get(AUDIT_ROWS_ITEM, "")
    return LockRecord(
        fingerprint=meta.get(FINGERPRINT_ITEM, ""),
        audit_rows=int(count) if count.isdigit() else -1,
        audit_head=meta.get(AUDIT_HEAD_ITEM, ""),
        values=tuple(values),
    )

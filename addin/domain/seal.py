"""The result is sealed when scored: everything it depends on, fingerprinted and kept.

Scoring records every value the result depends on — each bid as evaluated (with its reg. 69
low-price record), every late bid accepted, every evaluator's declaration, marks and
rationales, the moderation and the tie-break decision — with their
SHA-256 fingerprint and the winner (table tblSeal: Item | Value; the values packed as JSON
lines, a few thousand a row, see `packed`). Any later change to one of
them is EVALUATION_CHANGED_AFTER_SCORING at its cell, old and new value named, until the
competition is scored again; letters, the report and the award notice refuse meanwhile.

The same canonical serialisation as the launch lock (addin/domain/lock.py): ``item<TAB>value``
lines joined by ``\\n``, UTF-8, SHA-256; times keep their seconds.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from json.encoder import encode_basestring

from pydantic import BaseModel, ConfigDict

from addin.domain.evaluation import Evaluator, Moderation
from addin.domain.lock import LockedValue, changes_since_launch, fingerprint, read_item_rows
from addin.domain.models import CompetitionFile
from addin.domain.problems import FieldRef, Problem, error
from addin.domain.schema import BIDS, MODERATED_SCORE, MODERATION, MODERATION_RATIONALE, SEAL

BID_COLUMNS = (
    "Invited",
    "Bid received",
    "Received at",
    "Price",
    "Compliant",
    "Notes",
    "Low price explanation requested",
    "Low price decision",
    "Low price reasons",
)
FINGERPRINT_ITEM = "Result fingerprint"
WINNER_ITEM = "Winner"
RESULTS_ITEM = "Results fingerprint"
_META = (FINGERPRINT_ITEM, WINNER_ITEM, RESULTS_ITEM)
TIE_BREAK_ITEM = "Tie-break decision"
PACKED_ITEM = "Sealed values"  # "Sealed values 1 of 3"
# Characters a packed row holds: Excel's limit is 32,767 UTF-16 units a cell, and a character
# outside the Basic Multilingual Plane (an emoji) takes two.
PACKED_CHARS = 16_000
# A packed line is the JSON array [item, value], as json.JSONEncoder(ensure_ascii=False) writes
# it: the same string escaper, called directly (the encoder's set-up per call took 7 times as
# long as the escaping, for 90,000 values).
_QUOTED = encode_basestring


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _bid_values(file: CompetitionFile) -> list[LockedValue]:
    values = []
    for bid in file.bids:
        fields = (
            bid.invited,
            bid.received,
            bid.received_at,
            bid.price,
            bid.compliant,
            bid.notes,
            bid.low_price_requested,
            bid.low_price_decision.value if bid.low_price_decision else None,
            bid.low_price_reasons,
        )
        for column, value in zip(BID_COLUMNS, fields, strict=True):
            values.append(
                LockedValue(
                    item=f"Bid {bid.supplier_id} {column}",
                    value=_text(value),
                    field=FieldRef(table=BIDS.name, row=bid.row, column=column),
                )
            )
    return values


def _evaluator_values(ev: Evaluator) -> list[LockedValue]:
    declaration = ev.conflict_field
    values = [
        LockedValue(
            item=f"{ev.name} Conflict of interest", value=_text(ev.conflict), field=declaration
        ),
        LockedValue(
            item=f"{ev.name} Declared on",
            value=_text(ev.conflict_date),
            field=replace(declaration, row="Declared on") if declaration else None,
        ),
    ]
    # Each mark's score and rationale, with its cell: 300 bids × 7 evaluators × 20 criteria make
    # 84,000 values, so they are built inline and positionally (a third faster than by a helper).
    for mark in ev.marks:
        place = f"{ev.name} {mark.supplier_id} {mark.criterion_id}"
        table, row = mark.table, mark.row
        values += (
            LockedValue(f"{place} Score", mark.raw_score, FieldRef(table, row, "Score")),
            LockedValue(f"{place} Rationale", mark.rationale, FieldRef(table, row, "Rationale")),
        )
    return values


def _moderation_values(rows: Sequence[Moderation]) -> list[LockedValue]:
    values: list[LockedValue] = []
    table, score, rationale = MODERATION.name, MODERATED_SCORE, MODERATION_RATIONALE
    for m in rows:
        place = f"Moderation {m.supplier_id} {m.criterion_id}"
        values += (
            LockedValue(f"{place} {score}", m.raw_score, FieldRef(table, m.row, score)),
            LockedValue(f"{place} {rationale}", m.rationale, FieldRef(table, m.row, rationale)),
        )
    return values


def sealed_values(
    file: CompetitionFile,
    evaluators: Sequence[Evaluator],
    moderation: Sequence[Moderation],
    tie_break: str | None,
) -> list[LockedValue]:
    """Every value the scored result depends on, in a stable order."""
    values = _bid_values(file)
    for late in file.late_bids_accepted:
        values.append(LockedValue(item=f"Late bid {late.supplier_id} accepted", value=late.reason))
    for ev in evaluators:
        values += _evaluator_values(ev)
    values += _moderation_values(moderation)
    values.append(LockedValue(item=TIE_BREAK_ITEM, value=tie_break or ""))
    return values


class Seal(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    fingerprint: str
    winner: str
    results: str  # fingerprint of the Results rows as scored
    values: tuple[LockedValue, ...]

    def rows(self) -> list[dict[str, object]]:
        meta = {
            FINGERPRINT_ITEM: self.fingerprint,
            WINNER_ITEM: self.winner,
            RESULTS_ITEM: self.results,
        }
        pairs = [*meta.items(), *packed(self.values)]
        return [{"Item": item, "Value": value} for item, value in pairs]


def packed(values: Sequence[LockedValue]) -> list[tuple[str, str]]:
    """The values as rows of up to PACKED_CHARS characters: one JSON [item, value] a line.

    One row per value made the Seal of 300 bids × 7 evaluators × 20 criteria 100,000 rows, most
    of the time and size of scoring. Packed, it is a few hundred; the fingerprint is the same.
    """
    text = "\n".join(f"[{_QUOTED(v.item)}, {_QUOTED(v.value)}]" for v in values)
    chunks = [text[i : i + PACKED_CHARS] for i in range(0, len(text), PACKED_CHARS)] or [""]
    return [(f"{PACKED_ITEM} {n} of {len(chunks)}", c) for n, c in enumerate(chunks, start=1)]


def unpacked(values: Sequence[LockedValue]) -> list[LockedValue]:
    """The values of a Seal read back: packed rows opened, any other row as it is (a Seal
    scored before packing has one row per value). A packed row that does not open is kept as
    it is, so the fingerprint fails: RESULT_SEAL_ALTERED."""
    chunks = [v for v in values if v.item.startswith(f"{PACKED_ITEM} ")]
    if not chunks:
        return list(values)
    text, starts = "", []
    for chunk in chunks:
        starts.append(len(text))
        text += chunk.value
    opened = []
    at = 0
    try:
        for line in text.split("\n"):
            item, value = json.loads(line)
            field = chunks[bisect_right(starts, at) - 1].field
            opened.append(LockedValue(item=str(item), value=str(value), field=field))
            at += len(line) + 1
    except (ValueError, TypeError):
        return list(values)
    return [*opened, *(v for v in values if v not in chunks)]


def _covered(values: Sequence[LockedValue], winner: str, results: str) -> list[LockedValue]:
    """The fingerprint covers the winner and the Results rows too, so neither can be edited."""
    return [
        *values,
        LockedValue(item=WINNER_ITEM, value=winner),
        LockedValue(item=RESULTS_ITEM, value=results),
    ]


def seal(values: list[LockedValue], winner: str, results: str) -> Seal:
    return Seal(
        fingerprint=fingerprint(_covered(values, winner, results)),
        winner=winner,
        results=results,
        values=tuple(values),
    )


def results_fingerprint(rows: Sequence[dict[str, object]]) -> str:
    """The Results table's rows as scored, so letters can prove they tell the same result."""
    lines = [
        LockedValue(item=f"{i} {column}", value=_text(value))
        for i, row in enumerate(rows)
        for column, value in row.items()
    ]
    return fingerprint(lines)


def read_seal_rows(rows: list[dict[str, object]]) -> Seal:
    meta, values = read_item_rows(SEAL.name, rows, _META)
    return Seal(
        fingerprint=meta.get(FINGERPRINT_ITEM, ""),
        winner=meta.get(WINNER_ITEM, ""),
        results=meta.get(RESULTS_ITEM, ""),
        values=tuple(unpacked(values)),
    )


def seal_problems(stored: Seal, current: list[LockedValue], scored_in_audit: bool) -> list[Problem]:
    """The seal altered, or one EVALUATION_CHANGED_AFTER_SCORING per changed value."""
    record = FieldRef(table=SEAL.name, row=0, column="Value")
    covered = _covered(stored.values, stored.winner, stored.results)
    if fingerprint(covered) != stored.fingerprint or not scored_in_audit:
        return [
            error(
                "RESULT_SEAL_ALTERED",
                "The Seal sheet no longer matches the fingerprint recorded when the competition "
                "was scored: it has been edited. Restore the latest backup, or score again.",
                record,
            )
        ]
    return [
        error(
            "EVALUATION_CHANGED_AFTER_SCORING",
            f"{change.describe()} after the competition was scored. Letters and the report "
            "would no longer match the recorded result: restore the scored value, or score "
            "again (dps score) to accept the change.",
            *((change.field,) if change.field else ()),
        )
        for change in changes_since_launch(list(stored.values), current)
    ]

"""Evaluator tabs and the Moderation table as raw rows → the evaluation's domain inputs.

Each evaluator N has a table tblEvalN (one row per bid × scored criterion) and a Field | Value
table tblEvalNDeclaration (Evaluator, Conflict of interest, Declared on): see addin.domain.schema.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from addin.domain.cells import as_text, parse_decimal, parse_moment, parse_yes_no
from addin.domain.evaluation import Evaluator, Mark, Moderation
from addin.domain.parse import RawTable
from addin.domain.problems import FieldRef
from addin.domain.schema import (
    DECLARATION_COLUMNS,
    DECLARATION_FIELDS,
    MODERATED_SCORE,
    MODERATION,
    MODERATION_RATIONALE,
    declaration_table,
    eval_number,
    eval_table,
)


def declaration_rows(name: str) -> list[dict[str, object]]:
    """A new tab's declaration: the first field (Evaluator) filled in, the others for them."""
    field, value = DECLARATION_COLUMNS
    evaluator = DECLARATION_FIELDS[0]
    return [{field: f, value: name if f == evaluator else None} for f in DECLARATION_FIELDS]


@dataclass(frozen=True)
class Task:
    """A row an evaluator must fill: one evaluated bid on one Quality/Social Value criterion."""

    supplier_id: str
    supplier_name: str
    criterion_id: str
    criterion: str
    max_score: int

    @property
    def key(self) -> tuple[str, str]:
        return (self.supplier_id.casefold(), self.criterion_id.casefold())

    def row(self) -> dict[str, object]:
        return {
            "Supplier ID": self.supplier_id,
            "Supplier name": self.supplier_name,
            "Criterion ID": self.criterion_id,
            "Criterion": self.criterion,
        }


def row_key(row: Mapping[str, object]) -> tuple[str, str]:
    """A tab row's (supplier, criterion), compared as Task.key is."""
    supplier = as_text(row.get("Supplier ID"))
    criterion = as_text(row.get("Criterion ID"))
    return (supplier.casefold(), criterion.casefold())


Row = TypeVar("Row", Mark, Moderation)
_set = object.__setattr__  # as pydantic's model_construct sets a frozen model's state


def _trusted(model: type[Row], values: dict[str, Any]) -> Row:
    """A mark or moderation row from values the readers below made: every field given, in the
    model's order, each already of its type (`as_text` gives str, `parse_decimal` a Decimal or
    None, the row an int).

    Validating them would hand back the very same values at twice the cost, 45,000 times for
    300 bids × 7 evaluators × 20 criteria (model_construct, which checks more, is slower still).
    Its one other check, that a score is finite, `parse_decimal` makes (inf or nan is no number).
    tests/domain/test_evaluation_input.py proves such a row equal to a validated one.
    """
    row = object.__new__(model)
    _set(row, "__dict__", values)
    _set(row, "__pydantic_fields_set__", set(values))
    _set(row, "__pydantic_extra__", None)
    _set(row, "__pydantic_private__", None)
    return row


def _decimal_or_none(value: object) -> tuple[Decimal | None, str]:
    """The score and the text as typed; a non-number keeps its text for the problem report."""
    raw = as_text(value)
    return (parse_decimal(value) if raw else None), raw


def read_marks(
    table_name: str, evaluator: str, rows: Sequence[dict[str, object]]
) -> tuple[Mark, ...]:
    marks = []
    for index, row in enumerate(rows):
        supplier = as_text(row.get("Supplier ID"))
        # Blank only when every cell is: the Supplier ID, in nearly every row, settles most.
        if not supplier and not any(as_text(v) for v in row.values()):
            continue
        score, raw = _decimal_or_none(row.get("Score"))
        values = {
            "evaluator": evaluator,
            "table": table_name,
            "row": index,
            "supplier_id": supplier,
            "criterion_id": as_text(row.get("Criterion ID")),
            "score": score,
            "raw_score": raw,
            "rationale": as_text(row.get("Rationale")),
        }
        marks.append(_trusted(Mark, values))
    return tuple(marks)


def read_declaration(
    table_name: str, rows: Sequence[dict[str, object]]
) -> tuple[str, bool | None, date | None, FieldRef]:
    values = {as_text(r.get("Field")).casefold(): r.get("Value") for r in rows}
    conflict = parse_yes_no(values.get("conflict of interest"))
    moment = parse_moment(values.get("declared on")) if as_text(values.get("declared on")) else None
    where = FieldRef(table=table_name, row="Conflict of interest", column="Value")
    return as_text(values.get("evaluator")), conflict, moment.date() if moment else None, where


def build_evaluator(
    number: int,
    declaration_rows: Sequence[dict[str, object]],
    score_rows: Sequence[dict[str, object]],
) -> Evaluator:
    name, conflict, declared, where = read_declaration(declaration_table(number), declaration_rows)
    name = name or f"Evaluator {number}"
    return Evaluator(
        name=name,
        table=eval_table(number),
        conflict=conflict,
        conflict_date=declared,
        marks=read_marks(eval_table(number), name, score_rows),
        conflict_field=where,
    )


def read_moderation(rows: Sequence[dict[str, object]]) -> tuple[Moderation, ...]:
    out = []
    for index, row in enumerate(rows):
        if not as_text(row.get("Supplier ID")):
            continue
        score, raw = _decimal_or_none(row.get(MODERATED_SCORE))
        values = {
            "row": index,
            "supplier_id": as_text(row.get("Supplier ID")),
            "criterion_id": as_text(row.get("Criterion ID")),
            "score": score,
            "raw_score": raw,
            "rationale": as_text(row.get(MODERATION_RATIONALE)),
        }
        out.append(_trusted(Moderation, values))
    return tuple(out)


def evaluation_inputs(
    tables: Mapping[str, RawTable],
) -> tuple[list[Evaluator], tuple[Moderation, ...]]:
    """Every evaluator (by table number) and the moderation rows, from the workbook's tables."""
    by_key = {name.casefold(): table for name, table in tables.items()}
    numbered = sorted(
        (number, table)
        for name, table in tables.items()
        if (number := eval_number(name)) is not None
    )
    evaluators = []
    for number, table in numbered:
        declaration = by_key.get(declaration_table(number).casefold())
        rows = [dict(r) for r in declaration.rows] if declaration else []
        evaluators.append(build_evaluator(number, rows, [dict(r) for r in table.rows]))
    moderation_table = by_key.get(MODERATION.name.casefold())
    moderation = (
        read_moderation([dict(r) for r in moderation_table.rows]) if moderation_table else ()
    )
    return evaluators, moderation

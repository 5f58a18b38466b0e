"""The record tables an officer keeps beside the bids: declarations, clarifications and the
pre-award checks, from raw rows to typed records with problems."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from addin.domain import schema
from addin.domain.cells import CellReader, as_text
from addin.domain.models import Clarification, Declaration, PreAwardCheck, Role
from addin.domain.problems import Problem
from addin.domain.raw import RawRow, RawTable


def _optional_day(reader: CellReader, row: RawRow, i: int, column: str) -> date | None:
    return reader.day(row.get(column), i, column) if as_text(row.get(column)) else None


def parse_declarations(table: RawTable) -> tuple[list[Declaration], list[Problem]]:
    reader = CellReader(table.name)
    found = []
    for i, row in table.data_rows():
        found.append(
            Declaration(
                row=i,
                name=reader.required_text(row.get("Name"), i, "Name", "Name"),
                role=reader.choice(row.get("Role"), Role, i, "Role"),
                conflict=reader.optional_yes_no(
                    row.get("Conflict of interest"), i, "Conflict of interest"
                ),
                details=as_text(row.get("Details")),
                measures=as_text(row.get("Measures taken")),
                declared_on=_optional_day(reader, row, i, "Declared on"),
            )
        )
    return found, reader.problems


def parse_clarifications(table: RawTable) -> tuple[list[Clarification], list[Problem]]:
    reader = CellReader(table.name)
    found = []
    for i, row in table.data_rows():
        published = row.get("Published to all on")
        found.append(
            Clarification(
                row=i,
                received_on=_optional_day(reader, row, i, "Received on"),
                question=as_text(row.get("Question")),
                answer=as_text(row.get("Answer")),
                published_on=reader.optional_moment(published, i, "Published to all on"),
            )
        )
    return found, reader.problems


def parse_pre_award(table: RawTable) -> tuple[list[PreAwardCheck], list[Problem]]:
    reader = CellReader(table.name)
    found = []
    for i, row in table.data_rows():
        found.append(
            PreAwardCheck(
                row=i,
                check=as_text(row.get("Check")),
                confirmed_on=_optional_day(reader, row, i, "Confirmed on"),
                confirmed_by=as_text(row.get("Confirmed by")),
                notes=as_text(row.get("Notes")),
            )
        )
    return found, reader.problems


@dataclass(frozen=True)
class Records:
    declarations: tuple[Declaration, ...] = ()
    clarifications: tuple[Clarification, ...] = ()
    pre_award_checks: tuple[PreAwardCheck, ...] = ()


def parse_records(tables: Mapping[str, RawTable]) -> tuple[Records, list[Problem]]:
    """The record tables, typed; a table that is absent (the readers insist on it) has no rows."""
    empty = RawTable("", ())
    declarations, p_declarations = parse_declarations(tables.get(schema.DECLARATIONS.name, empty))
    clarifications, p_clarifications = parse_clarifications(
        tables.get(schema.CLARIFICATIONS.name, empty)
    )
    checks, p_checks = parse_pre_award(tables.get(schema.PRE_AWARD.name, empty))
    records = Records(tuple(declarations), tuple(clarifications), tuple(checks))
    return records, [*p_declarations, *p_clarifications, *p_checks]

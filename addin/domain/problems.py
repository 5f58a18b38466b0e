"""Problems found in a competition workbook: stable codes for machines, wording for officers."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from pydantic import BaseModel, ConfigDict


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class FieldRef(BaseModel):
    """A value's place in a table, independent of where the table sits on its sheet.

    `row` is the 0-based position of the data row, or the field name in a Field | Value table.
    The workbook adapter turns it into a cell reference such as ``Members!E7``.
    """

    model_config = ConfigDict(frozen=True)

    table: str
    row: int | str
    column: str


class Problem(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    message: str
    fields: tuple[FieldRef, ...] = ()
    # Filled in by the adapter that knows the layout: "Members!E7", "Criteria!D4:D9".
    cells: tuple[str, ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def error(code: str, message: str, *fields: FieldRef) -> Problem:
    return Problem(code=code, severity=Severity.ERROR, message=message, fields=fields)


def warning(code: str, message: str, *fields: FieldRef) -> Problem:
    return Problem(code=code, severity=Severity.WARNING, message=message, fields=fields)


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)

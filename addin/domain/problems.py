"""Problems found in a competition workbook: stable codes for machines, wording for officers.

FieldRef and Problem are frozen dataclasses, not pydantic models: every value they hold is built
by the domain itself, so validating it again adds nothing, and a 60-bid workbook's checks make
tens of thousands of them (pydantic models hold them as they are, and dump them alike).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class FieldRef:
    """A value's place in a table, independent of where the table sits on its sheet.

    `row` is the 0-based position of the data row, or the field name in a Field | Value table.
    The workbook adapter turns it into a cell reference such as ``Members!E7``.
    """

    table: str
    row: int | str
    column: str


@dataclass(frozen=True, slots=True)
class Problem:
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

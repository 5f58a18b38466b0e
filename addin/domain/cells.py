"""Turning raw cell values (from openpyxl, xlwings or JSON) into typed values, with problems.

Officers type dates as text, paste numbers with pound signs and leave stray spaces; each reader
accepts what a careful person would and reports the rest against the exact field.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from typing import TypeVar

from addin.domain.problems import FieldRef, Problem, error

E = TypeVar("E", bound=Enum)

_EXCEL_EPOCH = datetime(1899, 12, 30)
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d %B %Y", "%d %b %Y")
_TIME_SUFFIXES = (" %H:%M", " %H:%M:%S", "T%H:%M", "T%H:%M:%S")
# The furthest a number in a cell reaches: a double's exponent stops at ±308 (1.8E+308). Text
# beyond it ("1e999999999") is no number a cell holds, and exact arithmetic on it (a weight made
# a Fraction, a Max score an int) would run for hours instead of reporting the cell.
_EXPONENT_LIMIT = 308
_YES_NO = {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False}
# Characters XML 1.0 forbids: an Excel cell can hold them (text pasted from Word, a bell), a Word
# letter or report cannot. Both leave them out (letters.context, report.render).
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def as_text(value: object) -> str:
    """Text as the officer sees it: numbers without a trailing .0, surrounding space dropped."""
    if type(value) is str:  # most cells: the one test first (a str-valued enum is not one)
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# Types whose text is never blank: testing a value's type saves formatting it (a date, say) only
# to see whether anything was typed.
_NEVER_BLANK = frozenset({int, float, bool, Decimal, datetime, date, time, timedelta})


def is_blank(value: object) -> bool:
    """Whether `as_text(value)` is empty, without formatting a number or a date to find out."""
    if type(value) is str:
        return not value.strip()
    if value is None:
        return True
    return type(value) not in _NEVER_BLANK and not as_text(value)


def _excel_serial(value: float) -> datetime | None:
    # Plausible serials only (1982–2118): anything else is a number typed by mistake.
    if 30000 <= value <= 80000:
        return _EXCEL_EPOCH + timedelta(days=value)
    return None


def _to_the_second(moment: datetime) -> datetime:
    """Times are kept to the second: Excel stores them as fractions of a day, so 12:00:30 can
    come back a few microseconds either side, which would make a bid on time look late."""
    if not moment.microsecond and moment.tzinfo is None:
        return moment  # most cells: nothing to round (replace() costs a new object)
    whole = moment.replace(microsecond=0, tzinfo=None)
    return whole + timedelta(seconds=1) if moment.microsecond >= 500_000 else whole


def _parse_text_moment(text: str) -> tuple[datetime, bool] | None:
    """The moment and whether the text gave a time of day."""
    if not text[:1].isdigit():
        return None  # every format starts with the day or the year (and blanks are common)
    for base in _DATE_FORMATS:
        for suffix in ("", *_TIME_SUFFIXES):
            try:
                return datetime.strptime(text, base + suffix), bool(suffix)
            except ValueError:
                continue
    return None


def parse_moment(value: object) -> datetime | None:
    """A date, or a date and time, to the second (naive UK local time, as the workbook holds)."""
    if isinstance(value, datetime):
        return _to_the_second(value)
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        serial = _excel_serial(float(value))
        return _to_the_second(serial) if serial else None
    parsed = _parse_text_moment(as_text(value))
    return parsed[0] if parsed else None


def has_time_of_day(value: object) -> bool:
    """Whether a date cell also says a time of day.

    A spreadsheet cannot tell "11/11/2026" from "11/11/2026 00:00": both are a whole number of
    days. So a date cell (or serial) at exactly midnight counts as a date without a time; only
    text that spells the time out ("11/11/2026 00:00") says midnight for certain.
    """
    if isinstance(value, str):
        parsed = _parse_text_moment(as_text(value))
        return parsed[1] if parsed else False
    moment = parse_moment(value)
    return moment is not None and moment.time() != time()


def parse_decimal(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # str() first: Decimal(0.1) would carry the binary float's error into the scores.
        # inf and nan (a cell written by another program) are no number an officer typed.
        return Decimal(str(value)) if math.isfinite(value) else None
    text = re.sub(r"[£,\s]", "", as_text(value)).removesuffix("%")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number.adjusted()) > _EXPONENT_LIMIT:
        return None
    return number


def parse_yes_no(value: object) -> bool | None:
    """Yes/No as officers type it (Yes, Y, TRUE…); None when it is neither."""
    if value is True or value is False:
        return value
    return _YES_NO.get(as_text(value).casefold())


@dataclass
class CellReader:
    """Reads one table's values, collecting a problem for every value it cannot accept."""

    table: str
    problems: list[Problem] = field(default_factory=list)

    def ref(self, row: int | str, column: str) -> FieldRef:
        return FieldRef(table=self.table, row=row, column=column)

    def _bad(self, code: str, message: str, row: int | str, column: str) -> None:
        self.problems.append(error(code, message, self.ref(row, column)))

    def required_text(self, value: object, row: int | str, column: str, what: str) -> str:
        text = as_text(value)
        if not text:
            self._bad("VALUE_MISSING", f"{what} is missing: fill in {column}.", row, column)
        return text

    def yes_no(self, value: object, row: int | str, column: str) -> bool | None:
        answer = parse_yes_no(value)
        if answer is not None:
            return answer
        shown = f'"{as_text(value)}"' if as_text(value) else "blank"
        self._bad(
            "VALUE_NOT_YES_NO",
            f"{column} must be Yes or No (it is {shown}): pick one from the drop-down.",
            row,
            column,
        )
        return None

    def optional_yes_no(self, value: object, row: int | str, column: str) -> bool | None:
        return None if is_blank(value) else self.yes_no(value, row, column)

    def moment(self, value: object, row: int | str, column: str) -> datetime | None:
        if is_blank(value):
            self._bad("VALUE_MISSING", f"{column} is missing: enter a date.", row, column)
            return None
        parsed = parse_moment(value)
        if parsed is None:
            self._bad(
                "VALUE_NOT_A_DATE",
                f'{column} "{as_text(value)}" is not a date: enter it as dd/mm/yyyy.',
                row,
                column,
            )
        return parsed

    def day(self, value: object, row: int | str, column: str) -> date | None:
        parsed = self.moment(value, row, column)
        return parsed.date() if parsed else None

    def optional_moment(self, value: object, row: int | str, column: str) -> datetime | None:
        return None if is_blank(value) else self.moment(value, row, column)

    def decimal(self, value: object, row: int | str, column: str) -> Decimal | None:
        if is_blank(value):
            self._bad("VALUE_MISSING", f"{column} is missing: enter a number.", row, column)
            return None
        parsed = parse_decimal(value)
        if parsed is None:
            self._bad(
                "VALUE_NOT_A_NUMBER",
                f'{column} "{as_text(value)}" is not a number: enter digits only, e.g. 25000.',
                row,
                column,
            )
        return parsed

    def optional_decimal(self, value: object, row: int | str, column: str) -> Decimal | None:
        return None if is_blank(value) else self.decimal(value, row, column)

    def whole(self, value: object, row: int | str, column: str) -> int | None:
        number = self.decimal(value, row, column)
        if number is None:
            return None
        if number != number.to_integral_value():
            self._bad(
                "VALUE_NOT_A_WHOLE_NUMBER",
                f"{column} must be a whole number (it is {number}).",
                row,
                column,
            )
            return None
        return int(number)

    def choice(self, value: object, kind: type[E], row: int | str, column: str) -> E | None:
        text = as_text(value).casefold()
        member: E | None = _choices(kind).get(text)  # (the cache hides the type)
        if member is not None:
            return member
        allowed = ", ".join(str(m.value) for m in kind)
        shown = f'"{as_text(value)}"' if text else "blank"
        self._bad(
            "VALUE_NOT_IN_LIST",
            f"{column} must be one of {allowed} (it is {shown}): pick one from the drop-down.",
            row,
            column,
        )
        return None


@cache
def _choices(kind: type[E]) -> dict[str, E]:
    """Each member by its value casefolded (the first, should two fold alike), built once per
    enum: a member list is read a cell at a time, 10,000 rows of it in a large workbook."""
    found: dict[str, E] = {}
    for member in kind:
        found.setdefault(str(member.value).casefold(), member)
    return found

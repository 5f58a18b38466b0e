"""When the voluntary standstill ends, counted the way reg. 87 PCR 2015 counts it.

reg. 87: when the award decision is sent by electronic means, the standstill ends at midnight at
the end of the 10th day after the day it was sent; if that last day is not a working day, it runs
on to midnight at the end of the next working day. A working day (reg. 2) is any day but a
Saturday, Sunday, Christmas Day, Good Friday or bank holiday; the caller passes those dates in
(addin.letters.calendar gives England & Wales), so this module stays pure.

Representation: "midnight at the end of day D" is the naive local datetime D 23:59:59 — the last
whole second that still belongs to D. The alternative, 00:00 on D + 1, is only a second later but
reads as the wrong day to an officer glancing at a cell, and day D is the date that counts. It
is UK local time (no tzinfo), like every other date in the workbook; a contract may be entered
into from the next second on.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

# Day counting lives in one place (addin.domain.periods); these names are kept for callers.
from addin.domain.periods import END_OF_DAY, is_working_day, last_day, next_working_day
from addin.domain.uk_time import long_date

__all__ = ["END_OF_DAY", "describe_standstill_end", "is_working_day", "long_date", "standstill_end"]


def standstill_end(sent: date, days: int, non_working_days: Collection[date]) -> datetime | None:
    """The moment the standstill ends, or None when `days` is 0 (no standstill is offered).

    Returning None rather than raising keeps "no standstill" an ordinary, typed outcome that the
    letters show as `has_standstill = False`; a negative count is a bug and raises ValueError.
    The sending day itself may be a non-working day: reg. 87 counts calendar days from it.
    """
    if days < 0:
        raise ValueError(f"standstill days must be 0 or more, not {days}")
    if days == 0:
        return None
    last = last_day(sent, days)
    return datetime.combine(next_working_day(last, non_working_days), END_OF_DAY)


def describe_standstill_end(end: datetime) -> str:
    """'midnight at the end of Monday 4 January 2027 (UK time)': reg. 87's wording, for letters.

    Naming the day (not "00:00 on 5 January") is what avoids the classic one-day-out dispute;
    naming the time zone answers a bidder abroad.
    """
    return f"midnight at the end of {long_date(end.date(), weekday=True)} (UK time)"

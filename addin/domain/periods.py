"""Counting days as the regulations count them: one place for every period in days.

The UK kept the EU rules on time limits (Regulation 1182/71): the day of the event (sending the
invitation, sending the letters) does not count; a period of N days starts at the beginning of
the next day and ends at midnight at the end of its Nth day. So "at least 10 days" from an
invitation sent on 3 November ends at the end of 13 November, and a closing time at 12:00 on
13 November gives bidders only nine and a half days.

"Midnight at the end of day D" is the naive UK datetime D 23:59:59, the last whole second that
still belongs to D (see addin.domain.standstill for why not 00:00 on D + 1). Working days are
every day but Saturday, Sunday and the `non_working_days` the caller passes in (England & Wales
bank holidays come from addin.letters.calendar), so this module stays pure.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, time, timedelta
from decimal import Decimal

# The last whole second of a day: "midnight at the end of" that day.
END_OF_DAY = time(23, 59, 59)
_DAY_SECONDS = Decimal(86_400)


def last_day(event: date, days: int) -> date:
    """The Nth day after the event: the last day of a period of `days` days."""
    return event + timedelta(days=days)


def period_end(event: date, days: int) -> datetime:
    """Midnight at the end of the period of `days` days counted from the day after `event`."""
    return datetime.combine(last_day(event, days), END_OF_DAY)


def days_given(event: date, until: datetime) -> Decimal:
    """Days from the start of the day after `event` to `until`, to the tenth (9.5 for noon on
    the 10th day); what an officer reads as "bidders get 9.5 days"."""
    start = datetime.combine(event + timedelta(days=1), time())
    seconds = Decimal(int((until - start).total_seconds()))
    return (seconds / _DAY_SECONDS).quantize(Decimal("0.1"))


def show_days(days: Decimal) -> str:
    """9.5 → "9.5", 10.0 → "10"."""
    text = f"{days:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def is_working_day(day: date, non_working_days: Collection[date]) -> bool:
    return day.weekday() < 5 and day not in non_working_days


def next_working_day(day: date, non_working_days: Collection[date]) -> date:
    """`day` itself when it is a working day, otherwise the first working day after it."""
    while not is_working_day(day, non_working_days):
        day += timedelta(days=1)
    return day


def add_working_days(event: date, days: int, non_working_days: Collection[date]) -> date:
    """The `days`-th working day after `event` (the event's own day does not count)."""
    if days < 0:
        raise ValueError(f"working days must be 0 or more, not {days}")
    day = event
    for _ in range(days):
        day = next_working_day(day + timedelta(days=1), non_working_days)
    return day

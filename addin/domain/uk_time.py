"""UK time (Europe/London): the time zone of every date and time in a competition workbook,
and how letters and the report write them ("17 November 2026", "12:02 UK time")."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def to_uk(moment: datetime) -> datetime:
    """An aware moment as naive UK wall-clock time (GMT in winter, BST in summer)."""
    if moment.tzinfo is None:
        raise ValueError("to_uk needs a time-zone aware datetime")
    return moment.astimezone(UK).replace(tzinfo=None)


# English names spelt out so documents never depend on the machine's locale (strftime %A/%B do).
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: date, *, weekday: bool = False) -> str:
    """'25 November 2026', or 'Wednesday 25 November 2026' with `weekday=True`.

    A numeric date (25/11/2026) reads as 11 November to an American reader of a legal record.
    """
    text = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{_WEEKDAYS[day.weekday()]} {text}" if weekday else text


def long_moment(moment: datetime) -> str:
    """'12:02 UK time on 11 November 2026': every workbook time is UK wall-clock time."""
    return f"{moment:%H:%M} UK time on {long_date(moment.date())}"

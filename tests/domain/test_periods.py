"""Counting days as the regulations count them: the event's own day does not count."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from addin.domain.periods import (
    add_working_days,
    days_given,
    last_day,
    next_working_day,
    period_end,
    show_days,
)

# Fri 25 Dec 2026 and Mon 28 Dec 2026 (Boxing Day substitute) are England & Wales bank holidays.
CHRISTMAS_2026 = frozenset({date(2026, 12, 25), date(2026, 12, 28)})


def test_ten_days_from_3_november_end_at_midnight_at_the_end_of_13_november() -> None:
    assert last_day(date(2026, 11, 3), 10) == date(2026, 11, 13)
    assert period_end(date(2026, 11, 3), 10) == datetime(2026, 11, 13, 23, 59, 59)


def test_noon_on_the_tenth_day_is_nine_and_a_half_days() -> None:
    given_days = days_given(date(2026, 11, 3), datetime(2026, 11, 13, 12, 0))
    assert given_days == Decimal("9.5")
    assert show_days(given_days) == "9.5"
    assert show_days(days_given(date(2026, 11, 3), datetime(2026, 11, 14, 0, 0))) == "10"


def test_working_days_skip_weekends_and_the_holidays_given() -> None:
    # Closing Wed 23 Dec 2026: 5 working days are 24, 29, 30, 31 Dec and 4 Jan (1 Jan too).
    new_year = CHRISTMAS_2026 | {date(2027, 1, 1)}
    assert add_working_days(date(2026, 12, 23), 5, new_year) == date(2027, 1, 4)
    assert add_working_days(date(2026, 12, 23), 5, ()) == date(2026, 12, 30)
    assert add_working_days(date(2026, 11, 6), 0, ()) == date(2026, 11, 6)
    assert next_working_day(date(2026, 12, 26), CHRISTMAS_2026) == date(2026, 12, 29)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 11, 6), -1, ())


@given(st.dates(date(2020, 1, 1), date(2030, 12, 31)), st.integers(0, 40))
def test_a_period_never_counts_the_event_day(event: date, days: int) -> None:
    end = period_end(event, days)
    assert (end.date() - event).days == days
    # Exactly at the end of the period the full number of days has been given (to the tenth).
    assert days_given(event, end) == days

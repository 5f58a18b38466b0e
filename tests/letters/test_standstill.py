"""The standstill end date (reg. 87), on the real England & Wales calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from addin.domain.standstill import (
    describe_standstill_end,
    is_working_day,
    long_date,
    standstill_end,
)
from addin.letters.calendar import bank_holidays

HOLIDAYS = bank_holidays(range(2025, 2032))


def test_normal_week_ends_on_the_tenth_day() -> None:
    # Mon 2 Nov 2026 + 10 days = Thu 12 Nov 2026, a working day.
    assert standstill_end(date(2026, 11, 2), 10, HOLIDAYS) == datetime(2026, 11, 12, 23, 59, 59)


@pytest.mark.parametrize(
    "sent",
    [
        date(2026, 11, 4),  # Wed + 10 = Sat 14 Nov
        date(2026, 11, 5),  # Thu + 10 = Sun 15 Nov
    ],
    ids=["ends-saturday", "ends-sunday"],
)
def test_weekend_runs_on_to_monday(sent: date) -> None:
    assert standstill_end(sent, 10, HOLIDAYS) == datetime(2026, 11, 16, 23, 59, 59)


@pytest.mark.parametrize("sent", [date(2027, 3, 16), date(2027, 3, 19)])
def test_easter_2027_weekend_runs_on_to_tuesday(sent: date) -> None:
    # Easter 2027: Good Friday 26 Mar, Easter Monday 29 Mar. Tue 16 Mar + 10 lands on Good
    # Friday; Fri 19 Mar + 10 lands on Easter Monday. Both run on to Tue 30 Mar.
    assert standstill_end(sent, 10, HOLIDAYS) == datetime(2027, 3, 30, 23, 59, 59)


def test_christmas_2026() -> None:
    # Sent Fri 18 Dec 2026: the 10th day is Mon 28 Dec 2026, not a Saturday. Christmas Day is
    # Fri 25 Dec and Boxing Day falls on Sat 26 Dec, so Mon 28 Dec is the substitute Boxing Day
    # bank holiday. The next working day is Tue 29 Dec 2026.
    assert standstill_end(date(2026, 12, 18), 10, HOLIDAYS) == datetime(2026, 12, 29, 23, 59, 59)


def test_christmas_2027_has_two_substitute_days() -> None:
    # 25 and 26 Dec 2027 are Sat and Sun, so Mon 27 and Tue 28 Dec are the bank holidays.
    # Sent Fri 17 Dec 2027: the 10th day is Mon 27 Dec; the standstill runs to Wed 29 Dec.
    assert standstill_end(date(2027, 12, 17), 10, HOLIDAYS) == datetime(2027, 12, 29, 23, 59, 59)


def test_across_the_new_year_with_the_wording_letters_use() -> None:
    # Thu 24 Dec 2026 + 10 = Sun 3 Jan 2027 (New Year's Day was Fri 1 Jan) -> Mon 4 Jan 2027.
    end = standstill_end(date(2026, 12, 24), 10, HOLIDAYS)
    assert end == datetime(2027, 1, 4, 23, 59, 59)
    assert describe_standstill_end(end) == "midnight at the end of Monday 4 January 2027 (UK time)"


def test_without_holidays_only_weekends_count() -> None:
    assert standstill_end(date(2026, 12, 18), 10, ()) == datetime(2026, 12, 28, 23, 59, 59)


def test_no_standstill_is_none_and_a_negative_count_is_a_bug() -> None:
    assert standstill_end(date(2026, 11, 2), 0, HOLIDAYS) is None
    with pytest.raises(ValueError, match="-1"):
        standstill_end(date(2026, 11, 2), -1, HOLIDAYS)


def test_long_date_spells_out_english_names() -> None:
    assert long_date(date(2026, 11, 25)) == "25 November 2026"
    assert long_date(date(2026, 11, 25), weekday=True) == "Wednesday 25 November 2026"


@given(
    sent=st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)),
    days=st.integers(min_value=1, max_value=30),
)
def test_ends_on_the_first_working_day_from_the_last_day(sent: date, days: int) -> None:
    end = standstill_end(sent, days, HOLIDAYS)
    assert end is not None
    assert end.time() == datetime.max.time().replace(microsecond=0)
    assert is_working_day(end.date(), HOLIDAYS)
    skipped = end.date() - (sent + timedelta(days=days))
    assert timedelta(0) <= skipped <= timedelta(days=5)
    for gap in range(skipped.days):
        assert not is_working_day(sent + timedelta(days=days + gap), HOLIDAYS)

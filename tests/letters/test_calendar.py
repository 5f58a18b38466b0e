"""England & Wales bank holidays from the `holidays` library, checked against gov.uk dates."""

from __future__ import annotations

from datetime import date

import holidays

from addin.letters.calendar import bank_holidays, bank_holidays_after


def test_easter_2027() -> None:
    days = bank_holidays([2027])
    assert {date(2027, 3, 26), date(2027, 3, 29)} <= days  # Good Friday, Easter Monday


def test_christmas_substitute_days() -> None:
    days = bank_holidays([2026, 2027])
    # 2026: Christmas Fri 25; Boxing Day Sat 26, so Mon 28 is the substitute.
    assert {date(2026, 12, 25), date(2026, 12, 28)} <= days
    assert date(2026, 12, 29) not in days
    # 2027: Christmas Sat 25 and Boxing Day Sun 26, so Mon 27 and Tue 28 are substitutes.
    assert {date(2027, 12, 27), date(2027, 12, 28)} <= days
    assert date(2027, 12, 29) not in days


def test_other_nations_days_are_not_included() -> None:
    days = bank_holidays([2026, 2027])
    assert date(2026, 1, 2) not in days  # 2 January: Scotland only
    assert date(2026, 3, 17) not in days  # St Patrick's Day: Northern Ireland only
    assert date(2027, 7, 12) not in days  # Battle of the Boyne: Northern Ireland only


def test_one_off_days_are_included() -> None:
    days = bank_holidays([2022, 2023])
    assert date(2022, 9, 19) in days  # State funeral of Queen Elizabeth II
    assert date(2023, 5, 8) in days  # Coronation of King Charles III


def test_england_and_wales_share_one_calendar() -> None:
    years = range(2024, 2031)
    wales = holidays.country_holidays("GB", subdiv="WLS", years=list(years))
    assert bank_holidays(years) == frozenset(wales.keys())


def test_no_years_no_holidays() -> None:
    assert bank_holidays([]) == frozenset()


def test_a_december_standstill_gets_next_years_holidays() -> None:
    assert date(2027, 1, 1) in bank_holidays_after(date(2026, 12, 24), 10)

"""England & Wales bank holidays, from the maintained `holidays` library.

The standstill rule (addin.domain.standstill) needs the days that are not working days; this
adapter is the one place that knows where they come from. `holidays` follows gov.uk, including
substitute days ("Boxing Day (observed)") and one-off days such as a state funeral, which a
hand-kept list would miss. England and Wales share one set of bank holidays, so the England
subdivision serves both; Christmas Day and Good Friday (common-law holidays) are in it too.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import holidays

# ISO 3166-2 subdivision of GB in `holidays` (ENG, NIR, SCT, WLS); ENG and WLS give equal sets.
COUNTRY = "GB"
SUBDIVISION = "ENG"


def bank_holidays(years: Iterable[int]) -> frozenset[date]:
    """Every bank holiday in England and Wales in `years`, substitute days included.

    Pass the letter's year and the next: a standstill sent in late December ends in January.
    """
    wanted = sorted(set(years))
    if not wanted:
        return frozenset()
    calendar = holidays.country_holidays(COUNTRY, subdiv=SUBDIVISION, years=wanted)
    return frozenset(calendar.keys())


def bank_holidays_after(sent: date, days: int) -> frozenset[date]:
    """The bank holidays a standstill of `days` from `sent` can run into, across a year end.

    A month's margin covers any run-on past weekends and holidays (the longest is Christmas).
    """
    last = sent + timedelta(days=max(days, 0) + 31)
    return bank_holidays(range(sent.year, last.year + 1))

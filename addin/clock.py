"""The one clock: every decision is made in UK time (Europe/London, GMT or BST), whatever the
machine's own time zone, because closing times, letter dates and standstill ends are UK times.

Workbook dates and times are naive UK wall-clock times, so `uk_now()` is naive too.
"""

from __future__ import annotations

from datetime import datetime, timezone

from addin.domain.uk_time import to_uk


def _instant() -> datetime:
    """The current instant, time-zone aware (tests replace this to fix the clock)."""
    return datetime.now(timezone.utc)


def uk_now() -> datetime:
    """Now, as a UK wall-clock time to the second."""
    return to_uk(_instant()).replace(microsecond=0)

"""UK time (Europe/London): the time zone of every date and time in a competition workbook."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def to_uk(moment: datetime) -> datetime:
    """An aware moment as naive UK wall-clock time (GMT in winter, BST in summer)."""
    if moment.tzinfo is None:
        raise ValueError("to_uk needs a time-zone aware datetime")
    return moment.astimezone(UK).replace(tzinfo=None)

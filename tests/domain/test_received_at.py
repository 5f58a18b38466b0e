"""When a bid arrived: UK local time, to the second, and a closing-day date needs its time."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from addin.domain.cells import has_time_of_day, parse_moment
from addin.domain.evaluation import check_bids, evaluable_bids, how_long, not_evaluated_reason
from addin.domain.parse import RawTable, parse_bids
from addin.domain.problems import FieldRef
from tests.domain.builders import CLOSING, bid, competition_file


def bids_ref(row: int, column: str) -> FieldRef:
    return FieldRef(table="tblBids", row=row, column=column)


def reason(received_at: datetime, time_known: bool = True) -> str | None:
    late = bid(0, "S1", 40000, received_at=received_at).model_copy(
        update={"received_time_known": time_known}
    )
    return not_evaluated_reason(late, competition_file([late]).competition)


def test_a_bid_thirty_seconds_late_is_late_and_says_so_to_the_second() -> None:
    assert reason(CLOSING + timedelta(seconds=30)) == (
        "Bid received at 12:00:30 on 12 March 2026 (UK time), 30 seconds after the 12:00 "
        "closing time on 12 March 2026"
    )


def test_whole_minutes_are_shown_without_seconds() -> None:
    assert reason(CLOSING + timedelta(days=1, minutes=2)) == (
        "Bid received at 12:02 on 13 March 2026 (UK time), 1 day and 2 minutes after the 12:00 "
        "closing time on 12 March 2026"
    )


@pytest.mark.parametrize(
    ("span", "words"),
    [
        (timedelta(seconds=1), "1 second"),
        (timedelta(minutes=1, seconds=5), "1 minute and 5 seconds"),
        (timedelta(hours=2), "2 hours"),
        (timedelta(days=3, hours=1, minutes=1, seconds=1), "3 days, 1 hour, 1 minute and 1 second"),
    ],
)
def test_how_late_is_exact(span: timedelta, words: str) -> None:
    assert how_long(span) == words


def test_a_second_before_closing_is_on_time() -> None:
    assert reason(CLOSING - timedelta(seconds=1)) is None


def test_excel_s_fraction_of_a_day_noise_does_not_make_a_bid_late() -> None:
    almost = CLOSING - timedelta(microseconds=4)  # how 12:00 can come back from a serial
    assert parse_moment(almost) == CLOSING
    assert parse_moment(CLOSING + timedelta(microseconds=400_000)) == CLOSING


def test_a_date_without_a_time_on_the_closing_day_must_be_given_its_time() -> None:
    undated = bid(0, "S1", 40000, received_at=datetime(2026, 3, 12)).model_copy(
        update={"received_time_known": False}
    )
    file = competition_file([undated])
    problems = check_bids(file)
    assert [(p.code, p.fields) for p in problems] == [
        ("RECEIVED_AT_TIME_MISSING", (bids_ref(0, "Received at"),))
    ]
    assert "arrived on the closing day, so its time decides" in problems[0].message
    assert "12 March 2026" in problems[0].message
    # Not treated as on time meanwhile.
    assert evaluable_bids(file) == []
    assert "no time recorded" in (not_evaluated_reason(undated, file.competition) or "")


def test_a_date_without_a_time_before_or_after_the_closing_day_is_decided_by_the_date() -> None:
    assert reason(datetime(2026, 3, 11), time_known=False) is None
    late = reason(datetime(2026, 3, 13), time_known=False)
    assert late is not None and late.startswith("Bid received at 00:00 on 13 March 2026")


@pytest.mark.parametrize(
    ("value", "has_time"),
    [
        (date(2026, 3, 12), False),
        (datetime(2026, 3, 12), False),  # a date cell: Excel cannot tell it from 00:00
        (46093.0, False),
        (46093.5, True),
        ("12/03/2026", False),
        ("12/03/2026 00:00", True),  # midnight spelt out is a time
        ("12/03/2026 11:59:30", True),
        (datetime(2026, 3, 12, 11, 59), True),
        (None, False),
    ],
)
def test_what_counts_as_a_date_without_a_time(value: object, has_time: bool) -> None:
    assert has_time_of_day(value) is has_time


def test_parsed_bids_record_whether_their_time_was_given() -> None:
    rows = [
        {"Supplier ID": "S1", "Invited": "Yes", "Received at": datetime(2026, 3, 12)},
        {"Supplier ID": "S2", "Invited": "Yes", "Received at": "12/03/2026 00:00"},
    ]
    bids, problems = parse_bids(RawTable(name="tblBids", rows=rows))
    assert problems == []
    assert [b.received_time_known for b in bids] == [False, True]

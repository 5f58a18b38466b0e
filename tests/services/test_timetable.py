"""The timetable rules through a real workbook: time to bid counted as the regulations count
days, the standstill, and an award the DPS's expiry still allows (exact codes and cells)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from addin.domain.models import Competition
from addin.domain.problems import Problem
from addin.errors import ProblemsFound
from addin.services.launch import launch
from addin.services.loading import load_competition
from addin.services.validate import timetable_holidays, validate_workbook
from addin.workbook.file_workbook import FileWorkbook
from tests.builders import TODAY, build_workbook

INVITED_3_NOV = {"Invitation date": datetime(2026, 11, 3)}
# The Competition sheet's cells: Invitation B11, Closing B12, Standstill B18, Evaluation days B23.
PERIOD_CELLS = ("Competition!B11", "Competition!B12")
EXPIRY_CELLS = ("Competition!B12", "Competition!B23", "Competition!B18")


def timetable(path: Path, prefix: str) -> list[Problem]:
    report = validate_workbook(path, TODAY)
    return [p for p in report.problems if p.code.startswith(prefix)]


def test_noon_on_the_tenth_day_is_too_short(tmp_path: Path) -> None:
    # The day of the invitation does not count: 10 days from 3 November end at midnight at the
    # end of 13 November, so a 12:00 closing that day gives bidders nine and a half days.
    path = build_workbook(
        tmp_path, fields={**INVITED_3_NOV, "Closing date": datetime(2026, 11, 13, 12)}
    )
    (problem,) = timetable(path, "TENDER_PERIOD")
    assert (problem.code, problem.severity.value, problem.cells) == (
        "TENDER_PERIOD_TOO_SHORT",
        "error",
        PERIOD_CELLS,
    )
    assert "Bidders get 9.5 days" in problem.message
    assert "ending at midnight at the end of 13/11/2026" in problem.message
    assert "Move the closing date to 14/11/2026" in problem.message


@pytest.mark.parametrize(
    ("closing", "expected"),
    [
        (datetime(2026, 11, 13, 23, 59), "TENDER_PERIOD_TOO_SHORT"),  # a minute short
        (datetime(2026, 11, 14, 12), "TENDER_PERIOD_BELOW_RECOMMENDED"),  # 10.5 days
        (datetime(2026, 11, 17, 12), "TENDER_PERIOD_BELOW_RECOMMENDED"),  # 13.5 days
        (datetime(2026, 11, 18, 9), None),  # two full weeks have ended
    ],
)
def test_the_two_week_recommendation_is_counted_the_same_way(
    tmp_path: Path, closing: datetime, expected: str | None
) -> None:
    path = build_workbook(tmp_path, fields={**INVITED_3_NOV, "Closing date": closing})
    found = [(p.code, p.cells) for p in timetable(path, "TENDER_PERIOD")]
    assert found == ([(expected, PERIOD_CELLS)] if expected else [])


def test_a_period_too_short_stops_the_launch(tmp_path: Path) -> None:
    path = build_workbook(
        tmp_path, fields={**INVITED_3_NOV, "Closing date": datetime(2026, 11, 13, 12)}
    )
    with pytest.raises(ProblemsFound) as refused:
        launch(FileWorkbook(path), "Sam Patel", datetime(2026, 11, 3, 9))
    assert "TENDER_PERIOD_TOO_SHORT" in {p.code for p in refused.value.problems}


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, ("STANDSTILL_NONE", "warning")),
        (1, ("STANDSTILL_TOO_SHORT", "error")),
        (5, ("STANDSTILL_TOO_SHORT", "error")),
        (9, ("STANDSTILL_TOO_SHORT", "error")),
        (10, None),
        (15, None),
    ],
)
def test_a_standstill_is_ten_days_or_more_or_none(
    tmp_path: Path, days: int, expected: tuple[str, str] | None
) -> None:
    path = build_workbook(tmp_path, fields={"Standstill days": days})
    found = [(p.code, p.severity.value, p.cells) for p in timetable(path, "STANDSTILL")]
    assert found == ([(*expected, ("Competition!B18",))] if expected else [])
    if expected and expected[0] == "STANDSTILL_NONE":
        assert "ineffective (reg. 99)" in timetable(path, "STANDSTILL")[0].message


def test_an_award_that_cannot_come_before_the_dps_expires(tmp_path: Path) -> None:
    # Closing 19 Feb 2029 + 5 working days + a 10-day standstill: no award before 9 March.
    fields = {
        "Invitation date": datetime(2029, 2, 5),
        "Closing date": datetime(2029, 2, 19, 12),
        "Contract start": datetime(2029, 4, 1),
        "Contract end": datetime(2029, 12, 31),
    }
    (problem,) = timetable(build_workbook(tmp_path, fields=fields), "AWARD_")
    assert (problem.code, problem.severity.value, problem.cells) == (
        "AWARD_AFTER_DPS_EXPIRY",
        "error",
        EXPIRY_CELLS,
    )
    assert "cannot be awarded before 09/03/2029" in problem.message
    assert "expires at the end of 23/02/2029 and cannot be extended" in problem.message
    assert "The contract itself may run beyond the DPS." in problem.message


def test_a_tight_margin_before_expiry_is_a_warning(tmp_path: Path) -> None:
    fields = {"Invitation date": datetime(2028, 12, 20), "Closing date": datetime(2029, 1, 8, 12)}
    (problem,) = timetable(build_workbook(tmp_path, fields=fields), "AWARD_")
    assert (problem.code, problem.severity.value) == ("AWARD_CLOSE_TO_DPS_EXPIRY", "warning")
    assert "earliest award is 26/01/2029, only 28 days before the DPS expires" in problem.message
    # A week earlier leaves 35 days: enough.
    fields["Closing date"] = datetime(2029, 1, 1, 12)
    assert timetable(build_workbook(tmp_path, "b.xlsx", fields=fields), "AWARD_") == []


def test_the_evaluation_allowance_counts(tmp_path: Path) -> None:
    fields = {
        "Invitation date": datetime(2028, 12, 20),
        "Closing date": datetime(2029, 1, 8, 12),
        "Evaluation days": 15,  # two more weeks: 9 February, beyond the 30-day margin
    }
    (problem,) = timetable(build_workbook(tmp_path, fields=fields), "AWARD_")
    assert "15 working days to evaluate" in problem.message
    fields["Evaluation days"] = -1
    found = {
        (p.code, p.cells)
        for p in validate_workbook(
            build_workbook(tmp_path, "b.xlsx", fields=fields), TODAY
        ).problems
    }
    assert ("EVALUATION_DAYS_INVALID", ("Competition!B23",)) in found


def test_bank_holidays_are_consulted_only_near_expiry(tmp_path: Path) -> None:
    far = load_competition(build_workbook(tmp_path))
    assert timetable_holidays(far.file) == frozenset()
    near = Competition(closing_date=datetime(2028, 12, 22, 12), standstill_days=10)
    holidays = timetable_holidays(far.file.model_copy(update={"competition": near}))
    assert {date(2028, 12, 25), date(2029, 1, 1)} <= holidays

"""The timetable: time to bid (reg. 34), the standstill (reg. 87) and the DPS's hard end.

Every period is counted as addin.domain.periods counts days: the day of the event does not
count and the period ends at midnight at the end of its last day.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from addin.domain.dps import (
    EXPIRY_MARGIN_DAYS,
    MINIMUM_STANDSTILL_DAYS,
    MINIMUM_TENDER_DAYS,
    RECOMMENDED_TENDER_DAYS,
    DynamicPurchasingSystem,
)
from addin.domain.models import MAX_DAY_COUNT, Competition, Status, countable_days
from addin.domain.periods import add_working_days, days_given, last_day, period_end, show_days
from addin.domain.problems import FieldRef, Problem, error, warning
from addin.domain.schema import COMPETITION
from addin.domain.standstill import standstill_end


def _ref(field: str) -> FieldRef:
    return FieldRef(table=COMPETITION.name, row=field, column="Value")


def check_timetable(
    c: Competition, dps: DynamicPurchasingSystem, non_working_days: Collection[date] = ()
) -> list[Problem]:
    return [
        *_tender_period(c),
        *check_standstill(c),
        *_evaluation_days(c),
        *_dps_expiry(c, dps, non_working_days),
        *_members_list_date(c),
    ]


def _tender_period(c: Competition) -> list[Problem]:
    if not (c.invitation_date and c.closing_date):
        return []
    invited, closing = c.invitation_date, c.closing_date
    where = (_ref("Invitation date"), _ref("Closing date"))
    given = show_days(days_given(invited, closing))
    counted = (
        f"the invitation day ({invited:%d/%m/%Y}) does not count, so the days run from the start "
        f"of {invited + timedelta(days=1):%d/%m/%Y}"
    )
    if closing < period_end(invited, MINIMUM_TENDER_DAYS):
        end = last_day(invited, MINIMUM_TENDER_DAYS)
        return [
            error(
                "TENDER_PERIOD_TOO_SHORT",
                f"Bidders get {given} days to bid (closing {closing:%d/%m/%Y %H:%M}): {counted}. "
                f"PCR 2015 reg. 34 requires at least {MINIMUM_TENDER_DAYS} days, ending at "
                f"midnight at the end of {end:%d/%m/%Y}. Move the closing date to "
                f"{end + timedelta(days=1):%d/%m/%Y} (e.g. 12:00) or later.",
                *where,
            )
        ]
    if closing < period_end(invited, RECOMMENDED_TENDER_DAYS):
        end = last_day(invited, RECOMMENDED_TENDER_DAYS)
        return [
            warning(
                "TENDER_PERIOD_BELOW_RECOMMENDED",
                f"Bidders get {given} days to bid: {counted}. The DPS owner recommends at least "
                f"2 weeks, ending at midnight at the end of {end:%d/%m/%Y} (closing "
                f"{end + timedelta(days=1):%d/%m/%Y} or later).",
                *where,
            )
        ]
    return []


def check_standstill(c: Competition) -> list[Problem]:
    days = c.standstill_days
    if days is not None and not countable_days(days):
        return [
            error(
                "STANDSTILL_INVALID",
                f"Standstill days {_uncountable(days)} (it is {days}); use 0 for none or "
                f"{MINIMUM_STANDSTILL_DAYS} for the usual voluntary standstill.",
                _ref("Standstill days"),
            )
        ]
    if days == 0:
        return [
            warning(
                "STANDSTILL_NONE",
                "Standstill days is 0, so the letters offer no standstill. That is allowed for a "
                "DPS call-off, but without a voluntary standstill of at least "
                f"{MINIMUM_STANDSTILL_DAYS} days (mirroring reg. 87) the contract loses its "
                "protection against being declared ineffective (reg. 99). Enter "
                f"{MINIMUM_STANDSTILL_DAYS} unless you have decided to take that risk.",
                _ref("Standstill days"),
            )
        ]
    if days is not None and 0 < days < MINIMUM_STANDSTILL_DAYS:
        return [
            error(
                "STANDSTILL_TOO_SHORT",
                f"Standstill days is {days}: a voluntary standstill shorter than the "
                f"{MINIMUM_STANDSTILL_DAYS} days of reg. 87 is not a standstill and gives no "
                "protection against ineffectiveness (reg. 99). Enter "
                f"{MINIMUM_STANDSTILL_DAYS} or more, or 0 for none.",
                _ref("Standstill days"),
            )
        ]
    return []


def _evaluation_days(c: Competition) -> list[Problem]:
    days = c.evaluation_days
    if days is None or countable_days(days):
        return []
    return [
        error(
            "EVALUATION_DAYS_INVALID",
            f"Evaluation days {_uncountable(days)} (it is {days}): enter the working days you allow between "
            "closing and the letters, e.g. 5 (blank means 5).",
            _ref("Evaluation days"),
        )
    ]


def _uncountable(days: int) -> str:
    return "cannot be negative" if days < 0 else f"cannot be more than {MAX_DAY_COUNT}"


def earliest_award(c: Competition, non_working_days: Collection[date] = ()) -> date | None:
    """The first day the contract can be awarded: closing, then the evaluation allowance in
    working days, then the standstill from the letters; None without a usable closing date and
    day counts."""
    if c.closing_date is None or not (
        countable_days(c.evaluation_days) and countable_days(c.standstill_days)
    ):
        return None
    letters = add_working_days(c.closing_date.date(), c.evaluation_allowance, non_working_days)
    end = standstill_end(letters, c.standstill_allowance, non_working_days)
    return end.date() + timedelta(days=1) if end else letters


def award_after_expiry(award: date, dps: DynamicPurchasingSystem, how: str) -> Problem:
    """AWARD_AFTER_DPS_EXPIRY: `how` says how the award date was worked out."""
    return error(
        "AWARD_AFTER_DPS_EXPIRY",
        f"{how} the contract cannot be awarded before {award:%d/%m/%Y}, but the DPS expires at "
        f"the end of {dps.ends:%d/%m/%Y} and cannot be extended (SI 2024/716 reg. 5): a call-off "
        "must be awarded, standstill over, while the DPS runs. Bring the timetable forward. "
        "The contract itself may run beyond the DPS.",
        _ref("Closing date"),
        _ref("Evaluation days"),
        _ref("Standstill days"),
    )


def _dps_expiry(
    c: Competition, dps: DynamicPurchasingSystem, non_working_days: Collection[date]
) -> list[Problem]:
    award = earliest_award(c, non_working_days)
    if award is None or c.closing_date is None:
        return []
    how = (
        f"Closing {c.closing_date:%d/%m/%Y}, {c.evaluation_allowance} working days to evaluate "
        f"(Evaluation days) and a standstill of {c.standstill_allowance} days:"
    )
    if award > dps.ends:
        return [award_after_expiry(award, dps, how)]
    margin = (dps.ends - award).days
    if margin < EXPIRY_MARGIN_DAYS:
        return [
            warning(
                "AWARD_CLOSE_TO_DPS_EXPIRY",
                f"{how} the earliest award is {award:%d/%m/%Y}, only {margin} days before the DPS "
                f"expires at the end of {dps.ends:%d/%m/%Y}, which cannot be extended. A delay "
                "(an extension, a clarification, a challenge) could leave no time to award: "
                "leave more room if you can. The contract itself may run beyond the DPS.",
                _ref("Closing date"),
                _ref("Evaluation days"),
                _ref("Standstill days"),
            )
        ]
    return []


def _members_list_date(c: Competition) -> list[Problem]:
    # Only before launch: a competition launched before the field existed has no such row.
    if c.members_list_dated is not None or c.status is not Status.DRAFT:
        return []
    return [
        error(
            "MEMBERS_LIST_DATE_MISSING",
            "Members list dated is blank: enter the date of the DPS membership list published by "
            "Oldham Council that you pasted into Members. It is fixed at launch, so who was "
            "invited can be traced to the list.",
            _ref("Members list dated"),
        )
    ]

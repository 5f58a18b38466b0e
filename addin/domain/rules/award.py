"""Checks before the letters announce the award: the reg. 69 record, the pre-award checks on
the winner's evidence, a standstill that is one, and an award the DPS's expiry still allows."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from addin.domain.dps import CCIN_DPS, DynamicPurchasingSystem
from addin.domain.evaluation import evaluable_bids
from addin.domain.low_price import decision_problems
from addin.domain.models import CompetitionFile, PreAwardCheck, countable_days
from addin.domain.problems import FieldRef, Problem, error
from addin.domain.rules.timetable import award_after_expiry, check_standstill
from addin.domain.schema import PRE_AWARD
from addin.domain.standstill import standstill_end

# What the template lists on the Pre-award sheet; officers may add their own checks.
USUAL_CHECKS: tuple[str, ...] = (
    "Self-declaration still accurate: the winner confirms nothing has changed since it was "
    "admitted to the DPS",
    "No grounds for exclusion apply (reg. 57), checked against the winner's confirmation",
    "Insurance certificates as the invitation required (e.g. employer's and public liability, "
    "professional indemnity)",
    "Any other certificates or evidence the invitation required",
)


def _ref(row: int, column: str) -> FieldRef:
    return FieldRef(table=PRE_AWARD.name, row=row, column=column)


def pre_award_problems(checks: Collection[PreAwardCheck]) -> list[Problem]:
    """PRE_AWARD_CHECKS_INCOMPLETE for each check without a date and a name, or for none."""
    listed = [c for c in checks if c.check]
    if not listed:
        return [
            error(
                "PRE_AWARD_CHECKS_INCOMPLETE",
                "The Pre-award sheet lists no checks. Before the award the winner confirms its "
                "self-declaration is still accurate and provides the evidence the invitation "
                "required: list each check, with the date and who confirmed it.",
                _ref(0, "Check"),
            )
        ]
    problems = []
    for check in listed:
        missing = [
            column
            for column, value in (
                ("Confirmed on", check.confirmed_on),
                ("Confirmed by", check.confirmed_by),
            )
            if not value
        ]
        if missing:
            problems.append(
                error(
                    "PRE_AWARD_CHECKS_INCOMPLETE",
                    f'Pre-award check "{check.check}" is not confirmed: enter '
                    f"{' and '.join(missing)} before the letters go out.",
                    *(_ref(check.row, column) for column in missing),
                )
            )
    return problems


def expiry_at_letters(
    file: CompetitionFile,
    sent: date,
    non_working_days: Collection[date],
    dps: DynamicPurchasingSystem = CCIN_DPS,
) -> list[Problem]:
    """AWARD_AFTER_DPS_EXPIRY when letters sent on `sent` leave no award before expiry."""
    if not countable_days(file.competition.standstill_days):
        return []  # STANDSTILL_INVALID refuses the letters
    days = file.competition.standstill_allowance
    end = standstill_end(sent, days, non_working_days)
    award = end.date() + timedelta(days=1) if end else sent
    if award <= dps.ends:
        return []
    how = f"With letters dated {sent:%d/%m/%Y} and a standstill of {days} days,"
    return [award_after_expiry(award, dps, how)]


def letters_problems(
    file: CompetitionFile, sent: date, non_working_days: Collection[date]
) -> list[Problem]:
    """Every error that must stop the letters (warnings are for validation to show)."""
    problems = [
        *decision_problems(evaluable_bids(file)),
        *pre_award_problems(file.pre_award_checks),
        *check_standstill(file.competition),
        *expiry_at_letters(file, sent, non_working_days),
    ]
    return [p for p in problems if p.is_error]

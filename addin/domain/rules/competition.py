"""The Competition sheet: lot, dates, value and settings against the DPS (the timetable is in
timetable.py)."""

from __future__ import annotations

from datetime import time

from addin.domain.dps import DynamicPurchasingSystem
from addin.domain.models import Competition
from addin.domain.problems import FieldRef, Problem, error, warning
from addin.domain.rules.members import is_email
from addin.domain.schema import COMPETITION


def _ref(field: str) -> FieldRef:
    return FieldRef(table=COMPETITION.name, row=field, column="Value")


def check_competition(c: Competition, dps: DynamicPurchasingSystem) -> list[Problem]:
    return [
        *_check_lot(c, dps),
        *_check_dates(c, dps),
        *_check_value(c, dps),
        *_check_settings(c),
    ]


def _check_lot(c: Competition, dps: DynamicPurchasingSystem) -> list[Problem]:
    if c.lot is None or dps.lot(c.lot):
        return []
    lots = ", ".join(f"{lot.number} ({lot.name})" for lot in dps.lots)
    return [
        error("LOT_UNKNOWN", f"Lot {c.lot} does not exist on this DPS: use {lots}.", _ref("Lot"))
    ]


def _check_dates(c: Competition, dps: DynamicPurchasingSystem) -> list[Problem]:
    problems = []
    dated = {
        "Invitation date": c.invitation_date,
        "Closing date": c.closing_date.date() if c.closing_date else None,
    }
    for field, day in dated.items():
        if day and not dps.covers(day):
            problems.append(
                error(
                    "DATE_OUTSIDE_DPS",
                    f"{field} {day:%d/%m/%Y} is outside the DPS period {dps.period_text}: "
                    "call-offs must be awarded while the DPS runs.",
                    _ref(field),
                )
            )
    if c.contract_start and c.contract_end and c.contract_end < c.contract_start:
        problems.append(
            error(
                "CONTRACT_END_BEFORE_START",
                f"Contract end {c.contract_end:%d/%m/%Y} is before contract start "
                f"{c.contract_start:%d/%m/%Y}.",
                _ref("Contract start"),
                _ref("Contract end"),
            )
        )
    if c.contract_start and c.closing_date and c.contract_start < c.closing_date.date():
        problems.append(
            warning(
                "CONTRACT_STARTS_BEFORE_CLOSING",
                f"Contract start {c.contract_start:%d/%m/%Y} is before the closing date.",
                _ref("Contract start"),
                _ref("Closing date"),
            )
        )
    if c.closing_date and c.closing_date.time() == time(0, 0):
        problems.append(
            warning(
                "CLOSING_TIME_MIDNIGHT",
                f"Closing date {c.closing_date:%d/%m/%Y} has no time, so bids close at 00:00 that "
                "morning. Enter the time too, e.g. 12:00.",
                _ref("Closing date"),
            )
        )
    return problems


def _check_value(c: Competition, dps: DynamicPurchasingSystem) -> list[Problem]:
    value = c.estimated_value
    if value is None:
        return []
    if value <= 0:
        return [
            error(
                "VALUE_NOT_POSITIVE",
                f"Estimated value must be more than £0 (it is £{value:,}).",
                _ref("Estimated value (GBP)"),
            )
        ]
    if value > dps.maximum_value_gbp:
        return [
            error(
                "VALUE_ABOVE_DPS_MAXIMUM",
                f"Estimated value £{value:,} is above the DPS's maximum value "
                f"£{dps.maximum_value_gbp:,}.",
                _ref("Estimated value (GBP)"),
            )
        ]
    return []


def _check_settings(c: Competition) -> list[Problem]:
    problems = []
    if c.officer_email and not is_email(c.officer_email):
        problems.append(
            error(
                "OFFICER_EMAIL_INVALID",
                f'Officer email "{c.officer_email}" is not a valid address; letters quote it.',
                _ref("Officer email"),
            )
        )
    if c.score_scale_max is not None and c.score_scale_max < 1:
        problems.append(
            error(
                "SCORE_SCALE_INVALID",
                f"Score scale maximum must be 1 or more (it is {c.score_scale_max}); 4, 5 or 10 "
                "are usual.",
                _ref("Score scale maximum"),
            )
        )
    return problems

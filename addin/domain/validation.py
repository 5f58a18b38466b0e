"""All set-up rules in one pass over a parsed competition file."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from addin.domain.dps import CCIN_DPS, DynamicPurchasingSystem
from addin.domain.models import CompetitionFile
from addin.domain.problems import Problem
from addin.domain.rules.clarifications import check_clarifications
from addin.domain.rules.competition import check_competition
from addin.domain.rules.criteria import check_criteria
from addin.domain.rules.declarations import check_declarations
from addin.domain.rules.invitations import check_invitations
from addin.domain.rules.members import check_members
from addin.domain.rules.timetable import check_timetable


def check_file(
    file: CompetitionFile,
    today: date,
    dps: DynamicPurchasingSystem = CCIN_DPS,
    non_working_days: Collection[date] = (),
) -> list[Problem]:
    """`non_working_days`: bank holidays for the timetable (weekends are always non-working)."""
    return [
        *check_competition(file.competition, dps),
        *check_timetable(file.competition, dps, non_working_days),
        *check_criteria(list(file.criteria), file.competition),
        *check_members(list(file.members), dps, today),
        *check_invitations(file, dps),
        *check_declarations(file),
        *check_clarifications(file),
    ]

"""All set-up rules in one pass over a parsed competition file."""

from __future__ import annotations

from datetime import date

from addin.domain.dps import CCIN_DPS, DynamicPurchasingSystem
from addin.domain.models import CompetitionFile
from addin.domain.problems import Problem
from addin.domain.rules.competition import check_competition
from addin.domain.rules.criteria import check_criteria
from addin.domain.rules.invitations import check_invitations
from addin.domain.rules.members import check_members


def check_file(
    file: CompetitionFile, today: date, dps: DynamicPurchasingSystem = CCIN_DPS
) -> list[Problem]:
    return [
        *check_competition(file.competition, dps),
        *check_criteria(list(file.criteria), file.competition),
        *check_members(list(file.members), dps, today),
        *check_invitations(file, dps),
    ]

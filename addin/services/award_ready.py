"""The checks the letters service runs first: nothing is announced until they pass."""

from __future__ import annotations

from datetime import date

from addin.domain.rules.award import letters_problems
from addin.errors import ProblemsFound
from addin.letters.calendar import bank_holidays_after
from addin.services.loading import LoadedCompetition


def require_ready_for_letters(loaded: LoadedCompetition, sent: date) -> None:
    """Refuses (LOW_PRICE_DECISION_MISSING, PRE_AWARD_CHECKS_INCOMPLETE, STANDSTILL_TOO_SHORT,
    AWARD_AFTER_DPS_EXPIRY) with every cell to fill in."""
    days = loaded.file.competition.standstill_allowance
    problems = letters_problems(loaded.file, sent, bank_holidays_after(sent, days))
    if problems:
        raise ProblemsFound(
            f"letters refused: {len(problems)} thing(s) to record before the award is announced",
            loaded.locate(problems),
            "Complete each cell named (Bids, Pre-award, Competition), score again if you changed "
            "Bids, then issue the letters.",
        )

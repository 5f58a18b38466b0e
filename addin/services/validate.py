"""Validate: every problem in one or many competition workbooks, without changing them."""

from __future__ import annotations

import glob
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from addin.domain.dps import CCIN_DPS, EXPIRY_MARGIN_DAYS
from addin.domain.models import CompetitionFile
from addin.domain.problems import Problem, Severity
from addin.domain.rules.timetable import earliest_award
from addin.domain.validation import check_file
from addin.errors import UnreadableWorkbook
from addin.services.integrity import integrity_problems
from addin.services.loading import LoadedCompetition, load_competition

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class WorkbookReport:
    path: Path
    problems: list[Problem] = field(default_factory=list)
    unreadable: UnreadableWorkbook | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


def timetable_holidays(file: CompetitionFile) -> frozenset[date]:
    """England & Wales bank holidays, when the earliest award comes near the DPS's expiry.

    Bank holidays move an award by a few days at most, so far from expiry weekends suffice
    and the holidays library (about 0.1 s) is not consulted at all.
    """
    award = earliest_award(file.competition)
    closing = file.competition.closing_date
    if award is None or closing is None or (CCIN_DPS.ends - award).days > 2 * EXPIRY_MARGIN_DAYS:
        return frozenset()
    from addin.letters.calendar import bank_holidays  # imported only when needed (see above)

    return bank_holidays(range(closing.year, max(award.year, CCIN_DPS.ends.year) + 1))


def problems_in(loaded: LoadedCompetition, today: date) -> list[Problem]:
    """Parsing problems first, then every rule; each located at its cells."""
    holidays = timetable_holidays(loaded.file)
    return [
        *loaded.problems,
        *loaded.locate(check_file(loaded.file, today, non_working_days=holidays)),
        *integrity_problems(loaded),
    ]


def validate_workbook(path: Path, today: date) -> WorkbookReport:
    try:
        loaded = load_competition(path)
    except UnreadableWorkbook as exc:
        return WorkbookReport(path=path, unreadable=exc)
    return WorkbookReport(path=path, problems=problems_in(loaded, today))


def expand_paths(arguments: Iterable[str]) -> list[Path]:
    """Files as given, folders searched recursively for workbooks, globs expanded.

    A name that matches nothing is kept, so the report says it does not exist. Excel's own
    `~$` lock files are skipped.
    """
    found: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in WORKBOOK_SUFFIXES and not p.name.startswith("~$")
            )
        elif glob.has_magic(argument):
            found += sorted(Path(p) for p in glob.glob(argument, recursive=True))
        else:
            found.append(path)
    unique: dict[Path, None] = dict.fromkeys(found)
    return list(unique)


def validate_paths(arguments: Iterable[str], today: date) -> list[WorkbookReport]:
    return [validate_workbook(path, today) for path in expand_paths(arguments)]

"""Validate: every problem in one or many competition workbooks, without changing them."""

from __future__ import annotations

import functools
import glob
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from addin.atomic import BACKUP_FOLDER, OWN_FILE_PREFIX
from addin.domain import schema
from addin.domain.award import read_award
from addin.domain.dps import CCIN_DPS, EXPIRY_MARGIN_DAYS
from addin.domain.models import CompetitionFile
from addin.domain.problems import Problem, Severity
from addin.domain.publication import publication_problems, read_publication
from addin.domain.rules.timetable import earliest_award
from addin.domain.validation import check_file
from addin.errors import InternalError, UnreadableWorkbook
from addin.services.integrity import integrity_problems
from addin.services.loading import LoadedCompetition, load_competition

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
SKIPPED_PREFIXES = ("~$", OWN_FILE_PREFIX)
# Fewer workbooks than this are checked in this process: starting workers would cost more.
PARALLEL_FROM = 8


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
        *after_award_problems(loaded, today),
    ]


def after_award_problems(loaded: LoadedCompetition, today: date) -> list[Problem]:
    """The Award record's values, and what is due or overdue on the Publication sheet."""
    problems: list[Problem] = []
    award = loaded.tables.tables.get(schema.AWARD.name)
    if award is not None:
        problems += read_award(award.rows)[1]
    publication = loaded.tables.tables.get(schema.PUBLICATION.name)
    if publication is not None:
        notices, unreadable = read_publication(publication.rows)
        problems += [*unreadable, *publication_problems(notices, today)]
    return loaded.locate(problems)


def validate_workbook(path: Path, today: date, *, debug: bool = False) -> WorkbookReport:
    """One workbook's report. Nothing a file contains stops a batch: a file that cannot be read,
    or that trips a bug, is reported as unreadable (with "internal error — please report it" for
    a bug) unless `debug` asks for the exception itself."""
    try:
        loaded = load_competition(path)
        return WorkbookReport(path=path, problems=problems_in(loaded, today))
    except UnreadableWorkbook as exc:
        return WorkbookReport(path=path, unreadable=exc)
    except Exception as exc:
        if debug:
            raise
        failure = UnreadableWorkbook(path, str(InternalError("validating it", exc)))
        failure.__cause__ = exc
        return WorkbookReport(path=path, unreadable=failure)


def _skipped(path: Path, root: Path) -> bool:
    """Not an officer's workbook: backups, Excel's `~$` locks, the tool's own `.~dps-` files."""
    if path.name.startswith(SKIPPED_PREFIXES):
        return True
    try:
        inside = path.relative_to(root).parts[:-1]
    except ValueError:
        inside = path.parts[:-1]
    return BACKUP_FOLDER in inside


def _glob_root(pattern: str) -> Path:
    """The folder a glob starts from: its leading parts without wildcards."""
    fixed: list[str] = []
    for part in Path(pattern).parts:
        if glob.has_magic(part):
            break
        fixed.append(part)
    return Path(*fixed)


def expand_paths(arguments: Iterable[str]) -> list[Path]:
    """Files as given, folders searched recursively for workbooks, globs expanded.

    A name that matches nothing is kept, so the report says it does not exist. In folders and
    globs, `backups/` folders, Excel's `~$` lock files and the tool's own temporary and lock files
    (`.~dps-…`) are skipped; a file named on its own is always checked.
    """
    found: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in WORKBOOK_SUFFIXES and not _skipped(p, path)
            )
        elif glob.has_magic(argument):
            root = _glob_root(argument)
            found += sorted(
                Path(p) for p in glob.glob(argument, recursive=True) if not _skipped(Path(p), root)
            )
        else:
            found.append(path)
    unique: dict[Path, None] = dict.fromkeys(found)
    return list(unique)


def default_jobs() -> int:
    return os.cpu_count() or 1


def validate_paths(
    arguments: Iterable[str],
    today: date,
    *,
    debug: bool = False,
    jobs: int = 1,
    on_item: Callable[[str], None] | None = None,
) -> list[WorkbookReport]:
    """A report per workbook, in the order of the arguments (and of each folder's sorted files).

    With `jobs` above 1 and at least PARALLEL_FROM workbooks, they are checked by a pool of that
    many processes; the reports still come back in order. `debug` keeps everything in this
    process, so an internal error's traceback is the real one. `on_item` is told each
    workbook's name as its report is ready.
    """
    paths = expand_paths(arguments)
    check = functools.partial(validate_workbook, today=today, debug=debug)
    if jobs <= 1 or debug or len(paths) < PARALLEL_FROM:
        return _told(zip(paths, map(check, paths), strict=True), on_item)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Where workers are forked (Linux), the first workbook is checked here: it loads what
    # checking needs (python-calamine, the models' validators), which every worker then starts
    # with. Spawned workers (Windows, macOS) start afresh, so it would only run alone.
    forked = multiprocessing.get_start_method() == "fork"
    first, rest = (paths[:1], paths[1:]) if forked else ([], paths)
    done = _told([(p, check(p)) for p in first], on_item)
    workers = min(jobs, len(rest))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # Several workbooks per task, so a worker is not fed one small file at a time, but small
        # tasks: the workers finish within one task of each other (a quarter of the batch each,
        # 25 typical workbooks, left one worker alone for the last tenth of a second).
        reports = pool.map(check, rest, chunksize=max(1, len(rest) // (workers * 16)))
        return done + _told(zip(rest, reports, strict=True), on_item)


def _told(
    done: Iterable[tuple[Path, WorkbookReport]], on_item: Callable[[str], None] | None
) -> list[WorkbookReport]:
    reports = []
    for path, report in done:
        reports.append(report)
        if on_item:
            on_item(path.name)
    return reports

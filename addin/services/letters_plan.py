"""Which letters a run of `dps letters` makes, where, and what the workbook already records.

All of it is decided from the workbook and the folder before anything is written.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from addin.domain import schema
from addin.domain.outcomes import EvaluationResult
from addin.domain.standstill import describe_standstill_end, standstill_end
from addin.letters.calendar import bank_holidays_after
from addin.letters.compose import compose_letters
from addin.letters.context import LetterContext
from addin.letters.file_names import letter_file_names, notice_file_name
from addin.services.loading import LoadedCompetition

ISSUED = "Letters issued"
REISSUED = "Letters re-issued (--force)"
# An issue's audit details start "4 letter(s) dated 18/12/2026 in …": the date letters carry.
_DATED = re.compile(r"letter\(s\) dated (\d{2})/(\d{2})/(\d{4})")


@dataclass(frozen=True)
class Planned:
    context: LetterContext
    path: Path
    # The Letters log has this very file (an issue recorded it) / the file is in the folder.
    recorded: bool
    present: bool


@dataclass(frozen=True)
class LetterPlan:
    folder: Path
    sent: date
    standstill: str
    standstill_ends: datetime | None
    letters: list[Planned]
    notice: Path
    # The date of the latest issue that recorded these files, from the audit trail.
    recorded_date: date | None


def issue_details(count: int, sent: date, folder: str) -> str:
    return f"{count} letter(s) dated {sent:%d/%m/%Y} in {folder}"


def recorded_letter_date(details: str) -> date | None:
    found = _DATED.search(details)
    return date(int(found[3]), int(found[2]), int(found[1])) if found else None


def _standstill_end(days: int, sent: date) -> datetime | None:
    return standstill_end(sent, days, bank_holidays_after(sent, days)) if days else None


def _same_file(logged: str, planned: Path) -> bool:
    if not os.path.isabs(logged):
        # Logged by an older version, relative to wherever it ran: the name is all we know,
        # and taking it as recorded errs on the safe side (replacing it needs --force).
        return re.split(r"[\\/]", logged)[-1].casefold() == planned.name.casefold()
    # Case-insensitively: on Windows and macOS disks these are one file.
    return os.path.abspath(logged).casefold() == os.path.abspath(planned).casefold()


def _logged(loaded: LoadedCompetition) -> list[tuple[str, object]]:
    """(File, Produced at) of every row of the Letters log ("Generated at" in older workbooks)."""
    table = loaded.tables.find(schema.LETTERS.name)
    rows = table.rows if table else []
    return [
        (str(r.get("File") or ""), r.get("Produced at") or r.get("Generated at"))
        for r in rows
        if r.get("File")
    ]


def _to_second(value: object) -> datetime | None:
    return value.replace(microsecond=0) if isinstance(value, datetime) else None


def _recorded_date(loaded: LoadedCompetition, generated: list[object]) -> date | None:
    """The date on the issue that wrote these log rows: its audit entry, made in the same save."""
    if not generated:
        return None
    issues = [e for e in loaded.audit_entries if e.action in (ISSUED, REISSUED)]
    times = [t for t in map(_to_second, generated) if t is not None]
    latest = max(times) if times else None
    same_save = [e for e in issues if e.when.replace(microsecond=0) == latest]
    chosen = same_save or issues
    return recorded_letter_date(chosen[-1].details) if chosen else None


def plan_letters(
    loaded: LoadedCompetition, evaluation: EvaluationResult, out_dir: Path, sent: date
) -> LetterPlan:
    c = loaded.file.competition
    standstill_ends = _standstill_end(c.standstill_allowance, sent)
    standstill = describe_standstill_end(standstill_ends) if standstill_ends else ""
    contexts = [ctx for _, ctx in compose_letters(loaded.file, evaluation, sent, standstill)]
    names = letter_file_names(c.reference or "", [(x.supplier_id, x.outcome) for x in contexts])
    logged = _logged(loaded)
    letters, generated = [], []
    for context in contexts:
        path = out_dir / names[context.supplier_id]
        matches = [when for file, when in logged if _same_file(file, path)]
        generated += matches
        letters.append(Planned(context, path, recorded=bool(matches), present=path.exists()))
    return LetterPlan(
        folder=out_dir,
        sent=sent,
        standstill=standstill,
        standstill_ends=standstill_ends,
        letters=letters,
        notice=out_dir / notice_file_name(c.reference or ""),
        recorded_date=_recorded_date(loaded, generated),
    )

"""Abandoning a competition: the decision not to award (reg. 84(1)(g)), its letters and its record.

Audited ("Abandoned", with the reason as its details), status Abandoned, one letter to each
supplier who must be told (addin.domain.abandonment says who), logged on the Letters sheet.
Refused once the award has been recorded: a concluded contract is not abandoned.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from addin.domain.abandonment import (
    ABANDONED_ACTION,
    ABANDONMENT_LETTERS_ACTION,
    abandonment_recipients,
    award_recorded,
)
from addin.domain.models import Status
from addin.domain.uk_time import long_date, long_moment
from addin.errors import ActionRefused, DpsError, LetterDateInPast
from addin.letters.compose import compose_abandonment_letters
from addin.letters.context import AbandonmentContext
from addin.letters.file_names import letter_file_names
from addin.letters.render import LetterRenderer
from addin.letters.templates import ABANDONED, TEMPLATES_DIR
from addin.services.integrity import require_status, require_untampered
from addin.services.ports import CompetitionWorkbook
from addin.services.unit_of_work import UnitOfWork, unit_of_work

OUTCOME = "abandoned"


@dataclass
class AbandonResult:
    workbook: str
    folder: Path
    reason: str
    letters: list[Path] = field(default_factory=list)


def abandon(
    workbook: CompetitionWorkbook,
    reason: str,
    out_dir: Path,
    officer: str | None,
    now: datetime,
    letter_date: date | None = None,
) -> AbandonResult:
    if not reason.strip():
        raise DpsError(
            "abandon needs the reason for the decision not to award",
            'Give it with --reason "…": it goes into the letters and the reg. 84 report.',
        )
    with unit_of_work(workbook, "abandon", now) as work:
        return _abandon(work, " ".join(reason.split()), out_dir, officer, now, letter_date)


def _abandon(
    work: UnitOfWork,
    reason: str,
    out_dir: Path,
    officer: str | None,
    now: datetime,
    letter_date: date | None,
) -> AbandonResult:
    require_status("abandon", work.loaded, now)
    awarded = award_recorded(work.loaded.audit_entries)
    if awarded is not None:
        raise ActionRefused(
            "abandon",
            f"the award was recorded at {long_moment(awarded.when)}: a contract concluded "
            "cannot be abandoned",
        )
    require_untampered(work.loaded)
    sent = letter_date or now.date()
    if sent < now.date():
        raise LetterDateInPast(long_date(sent), long_date(now.date()))
    file = work.loaded.file
    c = file.competition
    recipients = abandonment_recipients(file, now)
    letters = compose_abandonment_letters(file, recipients, reason, sent, now.date())
    names = letter_file_names(
        c.reference or "competition", [(ctx.supplier_id, OUTCOME) for ctx in letters]
    )
    planned = [(ctx, out_dir / names[ctx.supplier_id]) for ctx in letters]
    existing = [p for _, p in planned if p.exists()]
    if existing:
        raise DpsError(
            f"{len(existing)} letter(s) already exist in {out_dir}, e.g. {existing[0].name}",
            "Letters already written are not replaced: move them, or choose another --out folder.",
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    # Letters are made aside and moved into place only once the workbook is saved: a failed
    # save leaves no letter announcing a decision the workbook does not record.
    with tempfile.TemporaryDirectory(prefix=".abandon-", dir=out_dir) as temp:
        renderer = LetterRenderer()  # the template read and checked once for every letter
        for context, path in planned:
            renderer.render(TEMPLATES_DIR / ABANDONED, context, Path(temp, path.name))
        _record(work, planned, reason, officer or c.officer_name or "unknown officer", sent)
        work.commit()
        for _, path in planned:
            os.replace(Path(temp, path.name), path)
    return AbandonResult(
        workbook=work.workbook.label, folder=out_dir, reason=reason, letters=[p for _, p in planned]
    )


def _record(
    work: UnitOfWork,
    planned: list[tuple[AbandonmentContext, Path]],
    reason: str,
    who: str,
    sent: date,
) -> None:
    if planned:
        work.workbook.write_letters(
            [
                {
                    "Supplier ID": ctx.supplier_id,
                    "Outcome": OUTCOME,
                    "File": str(path),
                    "Letter date": sent,
                    "Produced at": work.now,
                    "Standstill ends": None,
                }
                for ctx, path in planned
            ]
        )
    work.set_status(Status.ABANDONED.value)
    work.audit(who, ABANDONED_ACTION, reason)
    work.audit(
        who,
        ABANDONMENT_LETTERS_ACTION,
        f"{len(planned)} letter(s) dated {long_date(sent)}"
        + (f" in {planned[0][1].parent}" if planned else ": nobody to write to"),
    )

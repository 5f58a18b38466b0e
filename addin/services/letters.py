"""Outcome letters: one Word letter per bidder, the Letters log, status Standstill (with its
end recorded), and the DPS owner told of the intended award — as one transaction.

Every document is made first, in a private folder inside the letters folder; then the workbook
records them (Letters log, audit, status) in one save; only then is each moved into place with
one rename. So a letter in the folder has been recorded, unless the workbook was not saved
(the ribbon leaves saving to the officer): such a letter is replaced by the next run, without
--force, and the officer is told. If a run stops after the save, before every letter is in
place, the next run re-creates the recorded letters that are missing, dated as recorded.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from pathlib import Path

from addin.domain.award_notice import award_notice
from addin.domain.models import Status
from addin.domain.uk_time import long_date
from addin.errors import LetterDateInPast, LettersAlreadyIssued
from addin.letters.pdf import PdfUnavailable, find_libreoffice
from addin.services.award_ready import require_ready_for_letters
from addin.services.integrity import require_status, require_untampered
from addin.services.letters_plan import (
    ISSUED,
    REISSUED,
    LetterPlan,
    Planned,
    issue_details,
    plan_letters,
)
from addin.services.letters_write import Documents, put_in_place, stage_documents
from addin.services.ports import CompetitionWorkbook
from addin.services.recorded import recorded_result
from addin.services.unit_of_work import UnitOfWork, unit_of_work

COMPLETED = "Letters completed"
NOTICE_REPORTED = "Intended award reported to DPS owner"


class Mode(Enum):
    ISSUE = "issue"
    REISSUE = "re-issue"
    COMPLETE = "complete"


@dataclass
class LettersResult:
    workbook: str
    folder: Path
    letters: list[Path] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    notice: Path | None = None
    standstill: str = ""
    dry_run: bool = False
    letter_date: date | None = None
    # Letters found in the folder that the workbook never recorded (an interrupted run).
    replaced_unrecorded: list[Path] = field(default_factory=list)
    # True when this run only re-created letters the workbook already records as issued.
    completed: bool = False


def write_letters(
    workbook: CompetitionWorkbook,
    out_dir: Path,
    officer: str | None,
    now: datetime,
    letter_date: date | None = None,
    dry_run: bool = False,
    pdf: bool = False,
    force: bool = False,
    record_folder: str | None = None,
    on_item: Callable[[str], None] | None = None,
) -> LettersResult:
    """`record_folder`: how the Letters log and the audit trail name the folder (default: its
    full path); the server records `Letters`, where the officer saves the downloaded files.
    `on_item` is told each document's name as it is made (the CLI's progress)."""
    with unit_of_work(workbook, "letters", now) as work:
        return _write_letters(
            work, out_dir, officer, now, letter_date, dry_run, pdf, force, record_folder, on_item
        )


def _write_letters(
    edit: UnitOfWork,
    out_dir: Path,
    officer: str | None,
    now: datetime,
    letter_date: date | None,
    dry_run: bool,
    pdf: bool,
    force: bool,
    record_folder: str | None,
    on_item: Callable[[str], None] | None,
) -> LettersResult:
    loaded = edit.loaded
    require_status("letters", loaded, now)
    require_untampered(loaded)
    require_ready_for_letters(loaded, letter_date or now.date())
    if pdf and not dry_run and find_libreoffice() is None:
        raise PdfUnavailable()
    evaluation = recorded_result("letters", loaded)
    plan = plan_letters(loaded, evaluation, out_dir, letter_date or now.date())
    mode = _mode(plan, loaded.file.competition.status, force)
    if mode is Mode.COMPLETE:
        plan = plan_letters(loaded, evaluation, out_dir, _completion_date(plan, letter_date))
    to_write = [p for p in plan.letters if mode is not Mode.COMPLETE or not p.present]
    notice = None if mode is Mode.COMPLETE and plan.notice.exists() else plan.notice
    if mode is not Mode.COMPLETE and plan.sent < now.date():
        # The standstill counts from the day the letters are sent: never a day already gone.
        raise LetterDateInPast(long_date(plan.sent), long_date(now.date()))
    result = LettersResult(
        workbook=edit.workbook.label,
        folder=out_dir,
        letters=[p.path for p in to_write],
        notice=notice,
        standstill=plan.standstill,
        dry_run=dry_run,
        letter_date=plan.sent,
        replaced_unrecorded=[p.path for p in plan.letters if p.present and not p.recorded],
        completed=mode is Mode.COMPLETE,
    )
    if dry_run:
        return result
    text = (
        award_notice(loaded.file, evaluation, plan.sent, plan.standstill_ends) if notice else None
    )
    wanted = Documents(letters=to_write, pdf=pdf, notice=notice, notice_text=text)
    owner = os.path.abspath(edit.workbook.label)
    with stage_documents(out_dir, owner, wanted, on_item) as staged:
        _record(edit, officer, plan, mode, to_write, notice, record_folder)
        edit.commit()
        result.pdfs = put_in_place(staged, out_dir)
    return result


def _mode(plan: LetterPlan, status: Status, force: bool) -> Mode:
    """What this run does, or why it may not: decided before anything is written."""
    issued_here = [p for p in plan.letters if p.recorded and p.present]
    if force:
        again = status is Status.STANDSTILL or any(p.recorded or p.present for p in plan.letters)
        return Mode.REISSUE if again else Mode.ISSUE
    if status is not Status.STANDSTILL:
        if issued_here:
            raise LettersAlreadyIssued(_already(plan, issued_here))
        return Mode.ISSUE
    # Standstill (letters issued): the only run without --force is one that completes the recorded letters.
    all_recorded = all(p.recorded for p in plan.letters)
    if all_recorded and (len(issued_here) < len(plan.letters) or not plan.notice.exists()):
        return Mode.COMPLETE
    if issued_here:
        raise LettersAlreadyIssued(_already(plan, issued_here))
    raise LettersAlreadyIssued(
        f"the letters for this competition were already issued (its Letters sheet records "
        f"them), not in {plan.folder}"
    )


def _already(plan: LetterPlan, issued: list[Planned]) -> str:
    return (
        f"{len(issued)} letter(s) in {plan.folder} are already issued and recorded on the "
        f"Letters sheet, e.g. {issued[0].path.name}"
    )


def _completion_date(plan: LetterPlan, asked: date | None) -> date:
    """The date the missing letters were recorded with: a completed letter says what was sent."""
    recorded = plan.recorded_date
    if recorded is None:
        raise LettersAlreadyIssued(
            "the audit trail does not say what date the recorded letters carry, so the missing "
            "ones cannot be re-created as they were"
        )
    if asked is not None and asked != recorded:
        raise LettersAlreadyIssued(
            f"the letters in {plan.folder} were recorded dated {recorded:%d/%m/%Y}; run again "
            f"without --date to re-create the missing ones as recorded, or give --force to "
            f"issue them all again dated {asked:%d/%m/%Y}"
        )
    return recorded


def _record(
    edit: UnitOfWork,
    officer: str | None,
    plan: LetterPlan,
    mode: Mode,
    written: list[Planned],
    notice: Path | None,
    record_folder: str | None,
) -> None:
    """The workbook's side of the transaction: Letters log, status, audit (saved by commit)."""
    who = officer or edit.loaded.file.competition.officer_name or "unknown officer"
    folder = record_folder or os.path.abspath(plan.folder)
    if mode is Mode.COMPLETE:
        made = [p.path.name for p in written] + ([notice.name] if notice else [])
        edit.audit(
            who,
            COMPLETED,
            f"Re-created in {folder}, as recorded (letters dated {plan.sent:%d/%m/%Y}), after an "
            "interrupted run: " + ", ".join(made),
        )
        return
    edit.workbook.write_letters(
        [
            {
                "Supplier ID": p.context.supplier_id,
                "Outcome": p.context.outcome,
                "File": f"{record_folder}/{p.path.name}"
                if record_folder
                else os.path.abspath(p.path),
                "Letter date": plan.sent,
                "Produced at": edit.now,
                "Standstill ends": plan.standstill_ends,
            }
            for p in written
        ]
    )
    edit.set_status(Status.STANDSTILL.value)
    edit.record_field("Standstill end", plan.standstill_ends)  # dps award waits for it
    winner = next((p.context.winner_name for p in written), "")
    edit.audit(
        who,
        REISSUED if mode is Mode.REISSUE else ISSUED,
        f"{issue_details(len(written), plan.sent, folder)}; winner {winner}; "
        f"standstill ends {plan.standstill or 'n/a (none)'}",
    )
    if notice is not None:
        edit.audit(who, NOTICE_REPORTED, f"Notice written to {notice.name}")

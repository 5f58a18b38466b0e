"""Outcome letters: one Word letter per bidder, the Letters log, status Awarded, and the DPS
owner told of the award."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from addin.domain.award_notice import award_notice
from addin.domain.models import Status
from addin.domain.standstill import describe_standstill_end, standstill_end
from addin.errors import DpsError
from addin.letters.calendar import bank_holidays_after
from addin.letters.compose import compose_letters
from addin.letters.render import PdfUnavailable, docx_to_pdf, find_libreoffice, render_letter
from addin.letters.templates import template_for
from addin.services.award_ready import require_ready_for_letters
from addin.services.integrity import require_status, require_untampered
from addin.services.ports import CompetitionWorkbook
from addin.services.recorded import recorded_result
from addin.services.unit_of_work import UnitOfWork, unit_of_work

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def file_name(reference: str, supplier_id: str, outcome: str) -> str:
    """`<reference>_<supplier id>_<outcome>.docx`, safe on every file system."""
    parts = (reference, supplier_id, outcome.replace(" ", "-"))
    return "_".join(_UNSAFE.sub("-", p).strip("-") for p in parts) + ".docx"


@dataclass
class LettersResult:
    workbook: str
    folder: Path
    letters: list[Path] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    notice: Path | None = None
    standstill: str = ""
    dry_run: bool = False


def _standstill_text(days: int | None, sent: date) -> str:
    if not days:
        return ""
    end = standstill_end(sent, days, bank_holidays_after(sent, days))
    return describe_standstill_end(end) if end else ""


def write_letters(
    workbook: CompetitionWorkbook,
    out_dir: Path,
    officer: str | None,
    now: datetime,
    letter_date: date | None = None,
    dry_run: bool = False,
    pdf: bool = False,
    force: bool = False,
) -> LettersResult:
    with unit_of_work(workbook, "letters", now) as work:
        return _write_letters(work, out_dir, officer, now, letter_date, dry_run, pdf, force)


def _write_letters(
    edit: UnitOfWork,
    out_dir: Path,
    officer: str | None,
    now: datetime,
    letter_date: date | None,
    dry_run: bool,
    pdf: bool,
    force: bool,
) -> LettersResult:
    require_status("letters", edit.loaded, now)
    require_untampered(edit.loaded)
    require_ready_for_letters(edit.loaded, letter_date or now.date())
    if pdf and not dry_run and find_libreoffice() is None:
        raise PdfUnavailable()
    file = edit.loaded.file
    c = file.competition
    sent = letter_date or now.date()
    standstill = _standstill_text(c.standstill_days, sent)
    evaluation = recorded_result("letters", edit.loaded)
    letters = compose_letters(file, evaluation, sent, standstill)
    result = LettersResult(
        workbook=edit.workbook.label, folder=out_dir, standstill=standstill, dry_run=dry_run
    )
    planned = [
        (ctx, out_dir / file_name(ctx.reference, ctx.supplier_id, ctx.outcome))
        for _, ctx in letters
    ]
    existing = [p for _, p in planned if p.exists()]
    if existing and not force:
        raise DpsError(
            f"{len(existing)} letter(s) already exist in {out_dir}, e.g. {existing[0].name}",
            "Letters already issued are not replaced silently: add --force to replace them "
            "(recorded in the audit trail), or choose another --out folder.",
        )
    result.letters = [p for _, p in planned]
    if dry_run:
        return result
    out_dir.mkdir(parents=True, exist_ok=True)
    for context, path in planned:
        render_letter(template_for(context.outcome), context, path)
        if pdf:
            result.pdfs.append(docx_to_pdf(path, out_dir))
    notice = (
        out_dir / f"{file_name(c.reference or 'competition', 'award', 'notice-to-Oldham')[:-5]}.txt"
    )
    notice.write_text(award_notice(file, evaluation, sent, standstill), encoding="utf-8")
    result.notice = notice
    who = officer or c.officer_name or "unknown officer"
    edit.workbook.write_letters(
        [
            {
                "Supplier ID": ctx.supplier_id,
                "Outcome": ctx.outcome,
                "File": str(path),
                "Generated at": now,
            }
            for ctx, path in planned
        ]
    )
    edit.set_status(Status.AWARDED.value)
    verb = "Letters re-issued (--force)" if existing else "Letters issued"
    winner = next((ctx.winner_name for _, ctx in letters), "")
    edit.audit(
        who,
        verb,
        f"{len(planned)} letter(s) dated {sent:%d/%m/%Y} in {out_dir}; winner {winner}; "
        f"standstill ends {standstill or 'n/a (none)'}",
    )
    edit.audit(who, "Award reported to DPS owner", f"Notice written to {notice.name}")
    edit.commit()
    return result

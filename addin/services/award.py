"""dps challenge and dps award: the end of the call-off.

`record_challenge` puts the award on hold (reg. 95) and takes the hold off, in the audit trail.
`record_award` concludes the contract once the standstill has ended with no challenge open:
status Awarded, the Award and Publication sheets, the award record for the DPS owner and the
OCDS release package, all in one unit of work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from addin.domain.award import (
    AWARD_ACTION,
    LETTERS_ISSUED,
    AwardRecord,
    AwardTerms,
    award_refusal,
)
from addin.domain.award_record import award_record
from addin.domain.challenge import RECEIVED, RESOLVED, audit_details, challenge_refusal
from addin.domain.challenge import open_challenge as open_challenge_in
from addin.domain.evaluation import show_money
from addin.domain.models import Status
from addin.domain.ocds import ocid_for, release_package
from addin.domain.publication import Notice, publication_duties
from addin.errors import ActionRefused
from addin.services.integrity import require_status, require_untampered
from addin.services.ocds import ocid_prefix, package_bytes, process_facts, write_bytes
from addin.services.ports import CompetitionWorkbook
from addin.services.recorded import recorded_result
from addin.services.unit_of_work import UnitOfWork, unit_of_work

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def output_name(reference: str, what: str) -> str:
    return f"{_UNSAFE.sub('-', reference).strip('-') or 'competition'}_{what}"


@dataclass
class ChallengeResult:
    workbook: str
    on_hold: bool


def record_challenge(
    workbook: CompetitionWorkbook,
    details: str,
    officer: str | None,
    now: datetime,
    *,
    received: date | None = None,
    resolved: date | None = None,
) -> ChallengeResult:
    """Exactly one of `received` (a claim has been received) or `resolved` (it is settled)."""
    if (received is None) == (resolved is None):
        raise ValueError("record_challenge needs exactly one of received or resolved")
    if not details.strip():
        raise ActionRefused("challenge", "say what the challenge is (or how it was resolved)")
    with unit_of_work(workbook, "challenge", now) as work:
        require_status("challenge", work.loaded, now)
        require_untampered(work.loaded)
        refusal = challenge_refusal(work.loaded.audit_entries, received, resolved)
        if refusal:
            raise ActionRefused("challenge", refusal)
        who = officer or work.loaded.file.competition.officer_name or "unknown officer"
        day = received or resolved
        assert day is not None
        work.audit(who, RECEIVED if received else RESOLVED, audit_details(day, details))
        return ChallengeResult(workbook=work.commit(), on_hold=received is not None)


@dataclass
class AwardResult:
    workbook: str
    record: AwardRecord
    duties: list[Notice]
    notice: Path
    ocds: Path
    placeholder_prefix: bool


def record_award(
    workbook: CompetitionWorkbook,
    terms: AwardTerms,
    out_dir: Path,
    officer: str | None,
    now: datetime,
    prefix: str | None = None,
) -> AwardResult:
    chosen, placeholder = ocid_prefix(prefix)
    with unit_of_work(workbook, "award", now) as work:
        require_status("award", work.loaded, now)
        require_untampered(work.loaded)
        result = _record(work, terms, out_dir, officer, now, chosen)
        result.placeholder_prefix = placeholder
        return result


def _record(
    work: UnitOfWork,
    terms: AwardTerms,
    out_dir: Path,
    officer: str | None,
    now: datetime,
    prefix: str,
) -> AwardResult:
    loaded = work.loaded
    c = loaded.file.competition
    winner = recorded_result("award", loaded).winner
    entries = loaded.audit_entries
    letters = [e.details for e in entries if e.action in LETTERS_ISSUED]
    refusal = award_refusal(c, terms, now, letters, open_challenge_in(entries))
    if refusal:
        raise ActionRefused("award", refusal)
    assert winner is not None  # recorded_result refuses a result without one
    who = officer or c.officer_name or "unknown officer"
    record = AwardRecord(
        supplier_id=winner.supplier_id,
        supplier_name=winner.supplier_name,
        signed=terms.signed,
        value_ex_vat=terms.value_ex_vat,
        value_inc_vat=terms.value_inc_vat,
        start=terms.start or c.contract_start,
        end=terms.end or c.contract_end,
        ocid=ocid_for(prefix, c.reference or ""),
        recorded_at=now,
        recorded_by=who,
    )
    duties = publication_duties(terms.signed, terms.value_inc_vat, c.award_notice_grouping)
    work.workbook.write_award(record.rows())
    work.workbook.write_publication([d.row_values() for d in duties])
    work.set_status(Status.AWARDED.value)
    work.audit(
        who,
        AWARD_ACTION,
        f"{record.supplier_name} ({record.supplier_id}); signed {terms.signed:%d/%m/%Y}; "
        f"{show_money(terms.value_ex_vat)} excl. VAT, {show_money(terms.value_inc_vat)} incl. "
        f"VAT; ocid {record.ocid}",
    )
    awarded = loaded.file.model_copy(
        update={"competition": c.model_copy(update={"status": Status.AWARDED})}
    )
    reference = c.reference or "competition"
    notice = out_dir / output_name(reference, "award-record-to-Oldham.txt")
    package = release_package(process_facts(loaded, awarded, record), prefix)
    ocds = out_dir / output_name(reference, "ocds.json")
    write_bytes(notice, award_record(awarded, record, duties).encode("utf-8"))
    write_bytes(ocds, package_bytes(package))
    work.audit(who, "Award reported to DPS owner", f"{notice.name}; OCDS {ocds.name}")
    path = work.commit()
    return AwardResult(path, record, duties, notice, ocds, placeholder_prefix=False)

"""dps register: the DPS owner's register of call-offs, from workbooks and OCDS files.

Reads what councils send — competition workbooks and OCDS release packages (.json), as files,
folders or globs — never changing them. An unreadable file is reported and skipped (exit 2, as
`dps validate`); inconsistent records and call-offs found twice are reported with the file and
cell and skipped. Files in a `backups` folder (the add-in's own copies) are left out.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from addin.domain import award as award_fields
from addin.domain import schema
from addin.domain.award import read_award
from addin.domain.problems import FieldRef, Problem, Severity
from addin.domain.publication import read_publication
from addin.domain.register import CallOff, RegisterSummary, maximum_problems, summarise
from addin.domain.register_checks import admissible
from addin.domain.register_ocds import NotAReleasePackage, call_offs_from_ocds
from addin.errors import UnreadableWorkbook
from addin.services.loading import LoadedCompetition, load_competition
from addin.services.validate import WORKBOOK_SUFFIXES, expand_paths

OCDS_SUFFIX = ".json"
BACKUPS = "backups"
# CallOff field → the Award sheet field it comes from.
AWARD_CELLS = {
    "supplier_id": award_fields.SUPPLIER_ID,
    "signed": award_fields.SIGNED,
    "value_ex_vat": award_fields.VALUE_EX_VAT,
    "value_inc_vat": award_fields.VALUE_INC_VAT,
    "start": award_fields.START,
    "end": award_fields.END,
}


@dataclass
class Unreadable:
    path: Path
    reason: str
    hint: str = ""


@dataclass
class Register:
    call_offs: list[CallOff]
    summary: RegisterSummary
    problems: list[Problem] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def exit_code(self) -> int:
        if self.unreadable or not self.files:
            return 2
        return 1 if self.errors else 0


def register_paths(arguments: Iterable[str]) -> list[Path]:
    """Workbooks as `dps validate` finds them, plus OCDS .json files in folders and globs."""
    found: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found += expand_paths([argument])
            found += sorted(p for p in path.rglob(f"*{OCDS_SUFFIX}") if p.is_file())
        elif glob.has_magic(argument):
            found += sorted(Path(p) for p in glob.glob(argument, recursive=True))
        else:
            found.append(path)
    # The add-in's own backups of a workbook are earlier states of the same call-off.
    return [p for p in dict.fromkeys(found) if BACKUPS not in p.parts[:-1]]


def _award_cell(loaded: LoadedCompetition, name: str) -> str:
    return loaded.tables.layout.cell(FieldRef(table=schema.AWARD.name, row=name, column="Value"))


def _competition_cell(loaded: LoadedCompetition, name: str) -> str:
    ref = FieldRef(table=schema.COMPETITION.name, row=name, column="Value")
    return loaded.tables.layout.cell(ref)


def call_off_from_workbook(loaded: LoadedCompetition, source: str) -> CallOff:
    c = loaded.file.competition
    tables = loaded.tables.tables
    award_table = tables.get(schema.AWARD.name)
    award = read_award(award_table.rows)[0] if award_table is not None else None
    publication = tables.get(schema.PUBLICATION.name)
    notices = read_publication(publication.rows)[0] if publication is not None else []
    member = loaded.file.member(award.supplier_id) if award else None
    where = {key: _award_cell(loaded, name) for key, name in AWARD_CELLS.items()}
    where |= {
        "council": _competition_cell(loaded, "Authority"),
        "reference": _competition_cell(loaded, "Reference"),
        "lot": _competition_cell(loaded, "Lot"),
        "status": _competition_cell(loaded, "Status"),
    }
    return CallOff(
        source=source,
        council=c.authority or "",
        reference=c.reference or "",
        title=c.title or "",
        lot=c.lot,
        supplier_id=award.supplier_id if award else "",
        supplier=award.supplier_name if award else "",
        sme=member.sme if member else None,
        vcse=member.vcse if member else None,
        invited=sum(1 for b in loaded.file.bids if b.invited),
        bids=sum(1 for b in loaded.file.bids if b.received),
        value_ex_vat=award.value_ex_vat if award else None,
        value_inc_vat=award.value_inc_vat if award else None,
        signed=award.signed if award else None,
        start=(award.start if award else None) or c.contract_start,
        end=(award.end if award else None) or c.contract_end,
        standstill_end=c.standstill_end,
        publication="; ".join(f"{n.where}: {n.reference}" for n in notices if n.reference),
        status=c.status.value,
        ocid=award.ocid if award else "",
        where=where,
    )


def _read(path: Path) -> list[CallOff]:
    """Raises UnreadableWorkbook (for a workbook or an OCDS file) when nothing can be read."""
    if path.suffix.lower() == OCDS_SUFFIX:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return call_offs_from_ocds(str(path), data)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, NotAReleasePackage) as exc:
            raise UnreadableWorkbook(
                path, f"cannot be read as OCDS JSON ({exc})", "Ask the council for the file again."
            ) from exc
    if path.suffix.lower() not in WORKBOOK_SUFFIXES and path.exists():
        raise UnreadableWorkbook(path, "is neither a workbook (.xlsx) nor an OCDS file (.json)")
    return [call_off_from_workbook(load_competition(path), str(path))]


def build_register(
    arguments: Iterable[str], today: date, on_item: Callable[[str], None] | None = None
) -> Register:
    """`on_item` is told each file's name once it is read (the CLI's progress)."""
    paths = register_paths(arguments)
    found: list[CallOff] = []
    unreadable: list[Unreadable] = []
    for path in paths:
        try:
            found += _read(path)
        except UnreadableWorkbook as exc:
            unreadable.append(Unreadable(path, exc.reason, exc.hint))
        if on_item:
            on_item(path.name)
    kept, problems = admissible(found)
    summary = summarise(kept, today)
    return Register(
        call_offs=kept,
        summary=summary,
        problems=[*problems, *maximum_problems(summary)],
        unreadable=unreadable,
        files=len(paths),
    )

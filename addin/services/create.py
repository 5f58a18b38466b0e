"""New competition workbooks from the template, and filling in who must be invited."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from addin.domain import schema
from addin.domain.dps import CCIN_DPS
from addin.domain.models import CompetitionFile, Member
from addin.errors import ActionRefused, DpsError
from addin.services.integrity import require_status
from addin.services.ports import CompetitionWorkbook
from addin.services.unit_of_work import unit_of_work
from addin.workbook.safe_save import save_atomically
from addin.workbook.tables import append_rows, set_field, table_in, write_rows
from addin.workbook.template import build_template

Row = Mapping[str, object]


def create_competition(out: Path, reference: str, lot: int, *, force: bool = False) -> Path:
    if CCIN_DPS.lot(lot) is None:
        raise DpsError(f"there is no Lot {lot} on the DPS", "Use --lot 1 or --lot 2.")
    if out.exists() and not force:
        raise DpsError(
            f"{out} already exists", "Choose another name, or add --force to replace it."
        )
    if out.suffix.lower() != ".xlsx":
        raise DpsError(f"{out}: the workbook must be saved as .xlsx", "Use a name ending .xlsx.")
    book = build_template()
    set_field(book, "Reference", reference)
    set_field(book, "Lot", lot)
    save_atomically(book, out)
    return out


def fill_workbook(
    book: Workbook,
    fields: Mapping[str, object],
    criteria: Sequence[Row] = (),
    members: Sequence[Row] = (),
    bids: Sequence[Row] = (),
    declarations: Sequence[Row] = (),
) -> None:
    """Puts officer-style data into a template workbook (used by the demo and test builders)."""
    for field, value in fields.items():
        set_field(book, field, value)
    tables = (
        (schema.CRITERIA, criteria),
        (schema.MEMBERS, members),
        (schema.BIDS, bids),
        (schema.DECLARATIONS, declarations),
    )
    for spec, rows in tables:
        if rows:
            sheet, table = table_in(book, spec.name)
            write_rows(sheet, table, rows)


def missing_invitations(file: CompetitionFile) -> list[Member]:
    """Active members of the competition's lot with no Bids row yet."""
    lot = file.competition.lot
    if lot is None:
        return []
    listed = {b.supplier_id.casefold() for b in file.bids}
    return [
        m for m in file.members if m.eligible_for(lot) and m.supplier_id.casefold() not in listed
    ]


def invitation_rows(members: Sequence[Member]) -> list[Row]:
    return [
        {"Supplier ID": m.supplier_id, "Supplier name": m.name, "Invited": "Yes"} for m in members
    ]


def add_invitations(book: Workbook, members: Sequence[Member]) -> None:
    sheet, table = table_in(book, schema.BIDS.name)
    append_rows(sheet, table, invitation_rows(members))


def invite_required(workbook: CompetitionWorkbook, now: datetime) -> list[Member]:
    """Adds a Bids row (Invited = Yes) for every Active member of the lot not yet listed.

    Only a Draft competition: after launch the invitations have gone out. Existing rows are
    never changed, so a wrongly invited supplier is still reported by validation.
    """
    with unit_of_work(workbook, "invite", now) as work:
        require_status("invite", work.loaded, now)
        if work.loaded.file.competition.lot is None:
            raise ActionRefused("invite", "set the competition's Lot first")
        members = missing_invitations(work.loaded.file)
        if members:
            work.workbook.append_rows(schema.BIDS.name, invitation_rows(members))
            work.commit()
    return members

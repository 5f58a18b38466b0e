"""Builds competition workbooks by code from the template: the sample competition, with overrides.

path = build_workbook(tmp_path, fields={"Lot": 2}, members=edit(MEMBERS, 0, {"Lot 1": "Y"}))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook

from addin.demo import sample
from addin.services.create import fill_workbook, invitation_rows
from addin.workbook.file_workbook import FileWorkbook
from addin.workbook.safe_save import save_atomically
from addin.workbook.template import build_template

Row = Mapping[str, object]
TODAY = date(2026, 11, 25)
# Closing is 15 days later, at noon on 11 November (see sample.closing_for).
INVITATION = date(2026, 10, 27)
MEMBERS = [dict(m) for m in sample.MEMBERS]
CRITERIA = [dict(c) for c in sample.CRITERIA]
# Every Active Lot 1 member of the sample (CCIN-006 is suspended; 005 and 007 are Lot 2 only).
LOT_1_INVITEES = ["CCIN-001", "CCIN-002", "CCIN-003", "CCIN-004"]


def invitations(ids: Sequence[str] = tuple(LOT_1_INVITEES)) -> list[dict[str, object]]:
    names = {m["Supplier ID"]: m["Supplier name"] for m in MEMBERS}
    return [{"Supplier ID": i, "Supplier name": names.get(i, ""), "Invited": "Yes"} for i in ids]


def edit(rows: Sequence[Row], index: int, changes: Row) -> list[dict[str, object]]:
    out = [dict(r) for r in rows]
    out[index].update(changes)
    return out


def build_workbook(
    folder: Path,
    name: str = "competition.xlsx",
    *,
    fields: Row | None = None,
    criteria: Sequence[Row] | None = None,
    members: Sequence[Row] | None = None,
    bids: Sequence[Row] | None = None,
    declarations: Sequence[Row] | None = None,
) -> Path:
    book = build_template()
    values = {**sample.competition_fields(INVITATION), **(fields or {})}
    fill_workbook(
        book,
        values,
        criteria=CRITERIA if criteria is None else criteria,
        members=MEMBERS if members is None else members,
        bids=invitations() if bids is None else bids,
        declarations=sample.declarations(INVITATION) if declarations is None else declarations,
    )
    path = folder / name
    save_atomically(book, path)
    return path


__all__ = ["build_workbook", "edit", "invitation_rows", "invitations"]


LAUNCH_TIME = datetime(2026, 10, 27, 9, 0)  # the sample's invitation day; closing 11/11 12:00


def launched_workbook(folder: Path, name: str = "competition.xlsx", **overrides: object) -> Path:
    """The sample competition, launched by Sam Patel on its invitation day."""
    from addin.services.launch import launch

    path = build_workbook(folder, name, **overrides)  # type: ignore[arg-type]
    launch(FileWorkbook(path), "Sam Patel", LAUNCH_TIME)
    return path


def live_fields() -> dict[str, object]:
    """Sample dates starting today, for commands that read the real clock (the CLI)."""
    return sample.competition_fields(date.today())


CLOSING = datetime(2026, 11, 11, 12, 0)
AFTER_CLOSING = datetime(2026, 11, 12, 9, 0)
PANEL_DAY = datetime(2026, 11, 16, 10, 0)
EVALUATORS = ["A. Khan", "B. Lee", "C. Osei"]


def late_bidder(supplier_id: str, number: int) -> dict[str, object]:
    """An Active Lot 1 member with this ID (any text an officer might type)."""
    name = f"Late Bidder {'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[number]} Ltd"
    return {**MEMBERS[3], "Supplier ID": supplier_id, "Supplier name": name}


def _record_late_bids(path: Path, late: Sequence[str]) -> None:
    from addin.demo.officer import fill
    from addin.workbook.reader import find_tables, open_workbook

    book = open_workbook(path, data_only=False)
    sheet, table = find_tables(book)["tblbids"]
    arrived = {"Bid received": "Yes", "Received at": CLOSING + timedelta(minutes=5), "Price": 1}
    fill(sheet, table, ("Supplier ID",), lambda key: arrived if key[0] in late else None)
    save_atomically(book, path)


def bids_in_workbook(
    folder: Path,
    name: str = "competition.xlsx",
    late_bidders: Sequence[str] = (),
    **overrides: object,
) -> Path:
    """Launched, closed, and the sample's bids recorded (three on time, one late).

    `late_bidders`: more Lot 1 members, with these IDs, invited; their bids arrive late (so
    they get a letter and need no marks).
    """
    from addin.demo.officer import record_bids

    if late_bidders:
        extra = [late_bidder(i, n) for n, i in enumerate(late_bidders)]
        overrides.setdefault("members", [*MEMBERS, *extra])
        overrides.setdefault("bids", invitations() + invitation_rows_for(extra))
    path = launched_workbook(folder, name, **overrides)
    record_bids(path, CLOSING)
    if late_bidders:
        _record_late_bids(path, late_bidders)
    return path


def invitation_rows_for(members: Sequence[Row]) -> list[dict[str, object]]:
    return [
        {"Supplier ID": m["Supplier ID"], "Supplier name": m["Supplier name"], "Invited": "Yes"}
        for m in members
    ]


def marked_workbook(folder: Path, name: str = "competition.xlsx", **overrides: object) -> Path:
    """Evaluator tabs created and every evaluator's sample marks typed in."""
    from addin.demo.officer import evaluators_score
    from addin.services.evaluation import create_evaluator_tabs

    path = bids_in_workbook(folder, name, **overrides)
    create_evaluator_tabs(FileWorkbook(path), EVALUATORS, "Sam Patel", AFTER_CLOSING)
    evaluators_score(path, AFTER_CLOSING)
    return path


def moderated_workbook(folder: Path, name: str = "competition.xlsx", **overrides: object) -> Path:
    from addin.demo.officer import panel_moderates
    from addin.services.evaluation import moderate

    path = marked_workbook(folder, name, **overrides)
    moderate(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    panel_moderates(path)
    return path


def scored_workbook(folder: Path, name: str = "competition.xlsx", **overrides: object) -> Path:
    """Scored, and the pre-award checks confirmed: ready for the letters."""
    from addin.demo.officer import confirm_pre_award
    from addin.services.evaluation import score

    path = moderated_workbook(folder, name, **overrides)
    score(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    confirm_pre_award(path, PANEL_DAY.date())
    return path


LETTERS_SENT = date(2026, 12, 18)  # a Friday: 10 days runs into Christmas
STANDSTILL_END = datetime(2026, 12, 29, 23, 59, 59)  # Mon 28 Dec is a bank holiday
AFTER_STANDSTILL = datetime(2026, 12, 30, 10, 0)


def standstill_workbook(folder: Path, name: str = "competition.xlsx", **overrides: object) -> Path:
    """Scored, and the letters sent on Friday 18 December 2026 (status Standstill)."""
    from addin.services.letters import write_letters

    path = scored_workbook(folder, name, **overrides)
    sent_at = datetime.combine(LETTERS_SENT, datetime.min.time()).replace(hour=10)
    write_letters(FileWorkbook(path), folder / "letters", None, sent_at, letter_date=LETTERS_SENT)
    return path


def awarded_workbook(folder: Path, name: str = "competition.xlsx", **overrides: object) -> Path:
    """The contract signed on 30 December 2026 for £52,000 (£62,400 with VAT)."""
    from decimal import Decimal

    from addin.domain.award import AwardTerms
    from addin.services.award import record_award

    path = standstill_workbook(folder, name, **overrides)
    terms = AwardTerms(
        signed=AFTER_STANDSTILL.date(),
        value_ex_vat=Decimal("52000"),
        value_inc_vat=Decimal("62400"),
    )
    record_award(FileWorkbook(path), terms, folder, None, AFTER_STANDSTILL, "ocds-test01")
    return path


def make_tie(path: Path) -> None:
    """CCIN-001 and CCIN-003 given the same price and, from every evaluator, the same marks."""
    book = load_workbook(path)
    book["Bids"]["F6"] = book["Bids"]["F4"].value  # CCIN-003's price = CCIN-001's
    for sheet in book.worksheets:
        if sheet.title.startswith("Eval "):
            for row in range(9, 21):
                if sheet.cell(row, 1).value in ("CCIN-001", "CCIN-003"):
                    sheet.cell(row, 5, 4)
    for row in range(4, 16):  # unanimous now: the agreed scores no longer apply
        book["Moderation"].cell(row, 7).value = book["Moderation"].cell(row, 8).value = None
    book.save(path)

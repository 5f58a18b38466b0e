"""Builds competition workbooks by code from the template: the sample competition, with overrides.

path = build_workbook(tmp_path, fields={"Lot": 2}, members=edit(MEMBERS, 0, {"Lot 1": "Y"}))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

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


def bids_in_workbook(folder: Path, name: str = "competition.xlsx", **overrides: object) -> Path:
    """Launched, closed, and the sample's bids recorded (three on time, one late)."""
    from addin.demo.officer import record_bids

    path = launched_workbook(folder, name, **overrides)
    record_bids(path, CLOSING)
    return path


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

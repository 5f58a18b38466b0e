"""Declarations (reg. 24, reg. 41), membership provenance and clarifications, through a real
workbook: exact codes and the exact cells named."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.demo import sample
from addin.errors import ProblemsFound
from addin.services.create import create_competition
from addin.services.launch import launch
from addin.services.validate import validate_workbook
from addin.workbook.file_workbook import FileWorkbook
from addin.workbook.tables import append_rows, table_in
from tests.builders import (
    INVITATION,
    LAUNCH_TIME,
    MEMBERS,
    TODAY,
    build_workbook,
    edit,
    invitations,
)

DECLARED = sample.declarations(INVITATION)  # rows 4–9 of the Declarations sheet; 9 = supplier


def found(path: Path) -> set[tuple[str, tuple[str, ...]]]:
    report = validate_workbook(path, TODAY)
    assert report.unreadable is None, report.unreadable
    return {(p.code, p.cells) for p in report.problems}


def messages(path: Path, code: str) -> list[str]:
    return [p.message for p in validate_workbook(path, TODAY).problems if p.code == code]


# --- declarations -----------------------------------------------------------------------------


def test_the_officer_must_be_listed(tmp_path: Path) -> None:
    without_officer = DECLARED[1:]  # five rows, 4–8: the officer would go on row 9
    path = build_workbook(tmp_path, declarations=without_officer)
    assert found(path) == {("DECLARATION_MISSING", ("Declarations!A9",))}
    assert (
        "The officer, Sam Patel, is not on the Declarations sheet"
        in messages(path, "DECLARATION_MISSING")[0]
    )


def test_everyone_listed_must_have_declared(tmp_path: Path) -> None:
    undeclared = edit(DECLARED, 1, {"Conflict of interest": None, "Declared on": None})
    path = build_workbook(tmp_path, declarations=undeclared)
    assert found(path) == {("DECLARATION_MISSING", ("Declarations!C5", "Declarations!F5"))}
    assert messages(path, "DECLARATION_MISSING")[0].startswith("A. Khan (Evaluator) has not")


def test_launch_refuses_until_everyone_has_declared(tmp_path: Path) -> None:
    path = build_workbook(tmp_path, declarations=edit(DECLARED, 2, {"Declared on": None}))
    with pytest.raises(ProblemsFound) as refused:
        launch(FileWorkbook(path), "Sam Patel", LAUNCH_TIME)
    assert ("DECLARATION_MISSING", ("Declarations!F6",)) in [
        (p.code, p.cells) for p in refused.value.problems
    ]
    assert load_workbook(path)["Competition"]["B19"].value == "Draft"


@pytest.mark.parametrize(
    ("row", "cell"),
    [(1, "Declarations!E5"), (5, "Declarations!E9")],  # an evaluator; the supplier's involvement
)
def test_a_declared_conflict_needs_the_measures_taken(tmp_path: Path, row: int, cell: str) -> None:
    conflicted = edit(DECLARED, row, {"Conflict of interest": "Yes", "Measures taken": None})
    path = build_workbook(tmp_path, declarations=conflicted)
    assert found(path) == {("CONFLICT_MEASURES_MISSING", (cell,))}


def test_a_role_must_be_one_of_the_list(tmp_path: Path) -> None:
    path = build_workbook(tmp_path, declarations=edit(DECLARED, 4, {"Role": "Boss"}))
    assert found(path) == {("VALUE_NOT_IN_LIST", ("Declarations!B8",))}


def test_a_new_workbook_asks_for_the_officer_s_declaration(tmp_path: Path) -> None:
    path = create_competition(tmp_path / "new.xlsx", "CCIN-2026-020", 1)
    result = found(path)
    assert ("VALUE_MISSING", ("Declarations!A4",)) in result  # the Officer row, name to fill
    assert ("DECLARATION_MISSING", ("Declarations!C4", "Declarations!F4")) in result


# --- membership provenance --------------------------------------------------------------------


def test_the_members_list_date_is_needed_before_launch(tmp_path: Path) -> None:
    path = build_workbook(tmp_path, fields={"Members list dated": None})
    assert found(path) == {("MEMBERS_LIST_DATE_MISSING", ("Competition!B22",))}


def test_a_suspended_member_needs_the_reason(tmp_path: Path) -> None:
    # CCIN-006 (Members row 9) is suspended; the sample records why.
    path = build_workbook(tmp_path, members=edit(MEMBERS, 5, {"Notes": None}))
    assert found(path) == {("MEMBER_STATUS_REASON_MISSING", ("Members!M9",))}


def test_a_member_admitted_after_the_invitation_need_not_be_invited(tmp_path: Path) -> None:
    members = edit(MEMBERS, 3, {"Admitted on": datetime(2026, 11, 2)})  # CCIN-004, after 27 Oct
    path = build_workbook(
        tmp_path, members=members, bids=invitations(["CCIN-001", "CCIN-002", "CCIN-003"])
    )
    report = validate_workbook(path, TODAY)
    assert [(p.code, p.severity.value, p.cells) for p in report.problems] == [
        ("MEMBER_JOINED_AFTER_INVITATION", "warning", ("Members!J7",))
    ]
    assert "for information only" in report.problems[0].message
    # Admitted before the invitation, the same member must be invited.
    path = build_workbook(
        tmp_path, "b.xlsx", bids=invitations(["CCIN-001", "CCIN-002", "CCIN-003"])
    )
    assert found(path) == {("MEMBER_NOT_INVITED", ("Members!A7",))}


# --- clarifications ---------------------------------------------------------------------------


def with_clarifications(path: Path, rows: Sequence[dict[str, object]]) -> Path:
    book = load_workbook(path)
    sheet, table = table_in(book, "tblClarifications")
    append_rows(sheet, table, rows)
    book.save(path)
    return path


QUESTION = {
    "Received on": datetime(2026, 10, 30),
    "Question": "May we propose a different start date?",
    "Answer": "Yes, within two weeks of the published start.",
    "Published to all on": datetime(2026, 10, 31),
}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, set()),
        ({"Answer": None}, {("CLARIFICATION_NOT_PUBLISHED", ("Clarifications!C4",))}),
        (
            {"Published to all on": None},
            {("CLARIFICATION_NOT_PUBLISHED", ("Clarifications!D4",))},
        ),
        (  # after the 12:00 closing on 11 November
            {"Published to all on": datetime(2026, 11, 12)},
            {("CLARIFICATION_NOT_PUBLISHED", ("Clarifications!D4",))},
        ),
    ],
)
def test_every_clarification_is_answered_and_shared_before_closing(
    tmp_path: Path, change: dict[str, object], expected: set[tuple[str, tuple[str, ...]]]
) -> None:
    path = with_clarifications(build_workbook(tmp_path), [{**QUESTION, **change}])
    assert found(path) == expected

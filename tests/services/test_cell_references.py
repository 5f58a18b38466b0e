"""Every field a problem names exists in its table, so no cell reference falls back to a guess."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from addin.domain.evaluation_input import evaluation_inputs
from addin.domain.problems import Problem
from addin.domain.scoring import evaluate
from addin.services.loading import LoadedCompetition, load_competition
from addin.services.validate import problems_in
from tests.builders import CRITERIA, MEMBERS, TODAY, build_workbook, edit, marked_workbook


def assert_real_columns(loaded: LoadedCompetition, problems: list[Problem]) -> None:
    assert problems
    for problem in problems:
        for ref in problem.fields:
            layout = loaded.tables.layout.tables[ref.table]
            assert ref.column in layout.columns, (problem.code, ref)
            if isinstance(ref.row, str):
                assert ref.row.casefold() in layout.keys or problem.code == "FIELD_MISSING"


def test_set_up_problems(tmp_path: Path) -> None:
    path = build_workbook(
        tmp_path,
        fields={"Lot": 3, "Closing date": "soon", "Officer email": "x"},
        criteria=edit(CRITERIA, 0, {"Weight %": 5, "Max score": 0, "Minimum score": 9}),
        members=edit(MEMBERS, 0, {"Lot 1": "Maybe", "Contact email": "nope", "Status": "?"}),
    )
    loaded = load_competition(path)
    assert_real_columns(loaded, problems_in(loaded, TODAY))


def test_timetable_and_record_problems(tmp_path: Path) -> None:
    path = build_workbook(
        tmp_path,
        fields={
            "Closing date": datetime(2029, 2, 19, 12),
            "Standstill days": 5,
            "Members list dated": None,
            "Tie-break rule": "Coin toss",
        },
        members=edit(MEMBERS, 5, {"Notes": None}),
        declarations=[{"Name": "A. Khan", "Role": "Evaluator", "Conflict of interest": "Yes"}],
    )
    loaded = load_competition(path)
    found = problems_in(loaded, TODAY)
    assert {
        "AWARD_AFTER_DPS_EXPIRY",
        "STANDSTILL_TOO_SHORT",
        "MEMBERS_LIST_DATE_MISSING",
        "VALUE_NOT_IN_LIST",
        "MEMBER_STATUS_REASON_MISSING",
        "DECLARATION_MISSING",
    } <= {p.code for p in found}
    assert_real_columns(loaded, found)


def test_evaluation_problems(tmp_path: Path) -> None:
    path = marked_workbook(tmp_path)
    book = load_workbook(path)
    tab = book["Eval A. Khan"]
    tab["E9"], tab["F10"], tab["E11"] = "abc", None, 9
    book["Eval B. Lee"]["B4"] = None  # no declaration: CONFLICT_NOT_DECLARED (Value cell)
    book.save(path)
    loaded = load_competition(path)
    evaluators, moderation = evaluation_inputs(loaded.tables.tables)
    result = evaluate(loaded.file, evaluators, moderation)
    assert_real_columns(loaded, list(result.problems))

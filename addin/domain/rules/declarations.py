"""Conflicts of interest (reg. 24) and suppliers' prior involvement (reg. 41).

Everyone involved declares before seeing bids, on the Declarations sheet; a declared conflict
is recorded with the measures taken. An evaluator who declares a conflict later, on their own
tab, is taken off the panel: their tab and marks are kept, never deleted, and not used.
"""

from __future__ import annotations

from collections.abc import Sequence

from addin.domain.evaluation import Evaluator, key
from addin.domain.models import CompetitionFile, Declaration, Role
from addin.domain.problems import FieldRef, Problem, error
from addin.domain.schema import DECLARATIONS


def _ref(row: int, column: str) -> FieldRef:
    return FieldRef(table=DECLARATIONS.name, row=row, column=column)


def check_declarations(file: CompetitionFile) -> list[Problem]:
    """Everyone listed has declared, the Officer is listed, and every conflict has measures."""
    problems = _officer_listed(file)
    for row in file.declarations:
        problems += _check_row(row)
    return problems


def _officer_listed(file: CompetitionFile) -> list[Problem]:
    officer = file.competition.officer_name
    listed = [d for d in file.declarations if d.role is Role.OFFICER]
    if not officer or any(key(d.name) == key(officer) for d in listed):
        return []
    next_row = max((d.row for d in file.declarations), default=-1) + 1
    return [
        error(
            "DECLARATION_MISSING",
            f"The officer, {officer}, is not on the Declarations sheet: add a row with Role "
            "Officer and their declaration. Everyone involved declares before seeing bids "
            "(reg. 24), the officer running the competition first.",
            _ref(next_row, "Name"),
        )
    ]


def _check_row(row: Declaration) -> list[Problem]:
    who = f"{row.name or f'Row {row.row + 1}'} ({row.role.value if row.role else 'no role'})"
    missing = [
        column
        for column, value in (
            ("Conflict of interest", row.conflict),
            ("Declared on", row.declared_on),
        )
        if value is None
    ]
    if missing:
        supplier = row.role is Role.SUPPLIER
        ask = (
            "whether the supplier was involved before (Yes or No) and the date it was recorded"
            if supplier
            else "Yes or No to a conflict of interest with any bidder, and the date, before "
            "seeing any bid"
        )
        return [
            error(
                "DECLARATION_MISSING",
                f"{who} has not declared: record {ask}.",
                *(_ref(row.row, column) for column in missing),
            )
        ]
    if row.conflict and not row.measures:
        return [
            error(
                "CONFLICT_MEASURES_MISSING",
                f"{who} declared a conflict of interest or prior involvement but Measures taken "
                "is blank: record what was done about it (e.g. stood down from scoring, "
                "information shared with all bidders). The report states it (reg. 84).",
                _ref(row.row, "Measures taken"),
            )
        ]
    return []


def declaration_of(name: str, declarations: Sequence[Declaration]) -> Declaration | None:
    """The Declarations row for a person, by name (the first if listed twice)."""
    return next((d for d in declarations if key(d.name) == key(name)), None)


def evaluator_conflicts(
    evaluators: Sequence[Evaluator], declarations: Sequence[Declaration]
) -> list[Problem]:
    """An evaluator who declared a conflict on their tab needs the measures on Declarations."""
    problems = []
    for ev in evaluators:
        if ev.conflict is not True:
            continue
        row = declaration_of(ev.name, declarations)
        if row is not None and row.measures:
            continue
        where = [*((ev.conflict_field,) if ev.conflict_field else ())]
        where += [_ref(row.row, "Measures taken")] if row is not None else []
        problems.append(
            error(
                "CONFLICT_MEASURES_MISSING",
                f"{ev.name} declared a conflict of interest on their tab, so their marks are "
                "kept but not used. Record on the Declarations sheet, in a row for "
                f"{ev.name} (Role Evaluator, Conflict of interest Yes), the details and the "
                "measures taken (e.g. who replaced them).",
                *where,
            )
        )
    return problems

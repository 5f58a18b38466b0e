"""Accepting a late bid: a recorded decision, after closing and before the evaluator tabs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.demo import sample
from addin.errors import ActionRefused
from addin.services.evaluation import create_evaluator_tabs
from addin.services.integrity import current_seal_values
from addin.services.late_bids import accept_late_bids
from addin.services.loading import load_competition
from addin.workbook.file_workbook import FileWorkbook
from tests.builders import AFTER_CLOSING, CLOSING, EVALUATORS, bids_in_workbook, marked_workbook

LATE, WHY = sample.LATE_BID_ACCEPTED  # CCIN-004, two minutes late


def audit_rows(path: Path) -> list[tuple[object, ...]]:
    sheet = load_workbook(path)["Audit"]
    return [tuple(sheet.cell(r, c).value for c in (2, 3, 4)) for r in range(4, sheet.max_row + 1)]


def test_an_accepted_late_bid_is_evaluated_and_the_decision_audited(tmp_path: Path) -> None:
    path = bids_in_workbook(tmp_path)
    done = accept_late_bids(FileWorkbook(path), [(LATE, WHY)], None, AFTER_CLOSING)
    assert done.accepted == [LATE] and done.already == []
    assert audit_rows(path)[-2:] == [
        ("Sam Patel", "Closed", "Bids closed at 12:00 on 11/11/2026"),
        ("Sam Patel", "Late bid accepted", f"{LATE}: {WHY}"),
    ]
    loaded = load_competition(path)
    (decision,) = loaded.file.late_bids_accepted
    assert (decision.supplier_id, decision.reason, decision.when) == (LATE, WHY, AFTER_CLOSING)
    tabs = create_evaluator_tabs(FileWorkbook(path), EVALUATORS, "Sam Patel", AFTER_CLOSING)
    assert tabs.tasks == 16  # four bids now, each on four scored criteria
    sheet = load_workbook(path)["Eval A. Khan"]
    assert LATE in {sheet.cell(r, 1).value for r in range(9, 25)}
    # The result seal will cover the decision.
    sealed = {v.item: v.value for v in current_seal_values(load_competition(path))}
    assert sealed[f"Late bid {LATE} accepted"] == WHY


def test_accepting_again_changes_nothing(tmp_path: Path) -> None:
    path = bids_in_workbook(tmp_path)
    accept_late_bids(FileWorkbook(path), [(LATE, WHY)], None, AFTER_CLOSING)
    before = path.read_bytes()
    done = accept_late_bids(FileWorkbook(path), [(LATE.lower(), "again")], None, AFTER_CLOSING)
    assert (done.accepted, done.already) == ([], [LATE])
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("supplier", "reason", "when", "refusal"),
    [
        (LATE, WHY, CLOSING.replace(hour=11), "before bids close at 12:00 on 11/11/2026"),
        ("CCIN-001", WHY, AFTER_CLOSING, "arrived on time"),
        ("CCIN-999", WHY, AFTER_CLOSING, 'no Bids row for supplier "CCIN-999"'),
        (LATE, "  ", AFTER_CLOSING, "give the reason"),
    ],
)
def test_refusals(tmp_path: Path, supplier: str, reason: str, when: datetime, refusal: str) -> None:
    path = bids_in_workbook(tmp_path)
    before = path.read_bytes()
    with pytest.raises(ActionRefused, match=refusal):
        accept_late_bids(FileWorkbook(path), [(supplier, reason)], None, when)
    assert path.read_bytes() == before


def test_refused_once_the_evaluator_tabs_exist(tmp_path: Path) -> None:
    path = marked_workbook(tmp_path)
    with pytest.raises(ActionRefused, match="evaluator tabs have been created"):
        accept_late_bids(FileWorkbook(path), [(LATE, WHY)], None, AFTER_CLOSING)

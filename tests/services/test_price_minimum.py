"""A Price row's Minimum score of 0 means "no minimum", like a blank cell."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from addin.services.validate import validate_workbook
from tests.builders import CRITERIA, TODAY, build_workbook, edit

PRICE_ROW = 4  # the sample's Price criterion, Criteria!F8


def _codes(path: Path, today: date = TODAY) -> list[tuple[str, tuple[str, ...]]]:
    return [(p.code, tuple(p.cells)) for p in validate_workbook(path, today).problems]


def test_a_price_minimum_of_zero_is_accepted(tmp_path: Path) -> None:
    assert CRITERIA[PRICE_ROW]["Category"] == "Price"
    path = build_workbook(tmp_path, criteria=edit(CRITERIA, PRICE_ROW, {"Minimum score": 0}))
    assert _codes(path) == []


def test_a_price_minimum_above_zero_is_still_refused(tmp_path: Path) -> None:
    path = build_workbook(tmp_path, criteria=edit(CRITERIA, PRICE_ROW, {"Minimum score": 1}))
    assert _codes(path) == [("MIN_SCORE_INVALID", ("Criteria!F8",))]

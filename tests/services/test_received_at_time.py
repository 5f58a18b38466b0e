"""A bid recorded with a date but no time on the closing day stops the evaluation, by cell."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.errors import ProblemsFound
from addin.services.evaluation import create_evaluator_tabs
from addin.workbook.file_workbook import FileWorkbook
from tests.builders import AFTER_CLOSING, EVALUATORS, bids_in_workbook


def test_a_closing_day_date_without_a_time_is_named_at_its_cell(tmp_path: Path) -> None:
    path = bids_in_workbook(tmp_path)
    book = load_workbook(path)
    book["Bids"]["E4"] = date(2026, 11, 11)  # the closing day, no time
    book.save(path)
    with pytest.raises(ProblemsFound) as caught:
        create_evaluator_tabs(FileWorkbook(path), EVALUATORS, "Sam Patel", AFTER_CLOSING)
    (problem,) = caught.value.problems
    assert (problem.code, problem.cells) == ("RECEIVED_AT_TIME_MISSING", ("Bids!E4",))
    assert "enter the time it arrived" in problem.message

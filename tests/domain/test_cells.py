"""Cell readers: what an officer's cell becomes, and the problem a bad one gets."""

from __future__ import annotations

from decimal import Decimal

import pytest

from addin.domain.cells import CellReader, parse_decimal


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_a_float_that_is_no_number_is_refused_at_its_cell(value: float) -> None:
    """inf and nan reach the readers only from another program (the live workbook, a JSON
    payload); they must become a problem at the cell, never a value that stops the command."""
    reader = CellReader("Bids")
    assert parse_decimal(value) is None
    assert reader.decimal(value, 3, "Price") is None
    (problem,) = reader.problems
    assert problem.code == "VALUE_NOT_A_NUMBER"
    assert problem.fields[0].column == "Price"


def test_floats_keep_the_decimal_the_officer_typed() -> None:
    assert parse_decimal(0.1) == Decimal("0.1")
    assert parse_decimal(25000.0) == Decimal("25000.0")
    assert parse_decimal("£25,000") == Decimal("25000")
    assert parse_decimal(True) is None


@pytest.mark.parametrize("text", ["1e999999999", "-1E+400", "1e-999999999"])
def test_text_beyond_any_cell_s_number_is_refused_at_its_cell(text: str) -> None:
    """No cell holds 1e999999999 as a number (a double stops near 1.8E+308): typed as text, it
    must become a problem at its cell at once, not a weight or Max score whose exact arithmetic
    runs for hours (or overflows Decimal's context) before any problem is shown."""
    reader = CellReader("Criteria")
    assert parse_decimal(text) is None
    assert reader.whole(text, 0, "Max score") is None
    (problem,) = reader.problems
    assert problem.code == "VALUE_NOT_A_NUMBER"
    assert problem.fields[0].column == "Max score"


def test_numbers_as_far_as_a_cell_holds_them_are_kept() -> None:
    assert parse_decimal("1e308") == Decimal("1e308")
    assert parse_decimal("-1.5E-308") == Decimal("-1.5e-308")
    assert parse_decimal(1.7976931348623157e308) == Decimal("1.7976931348623157E+308")
    assert parse_decimal(5e-324) == Decimal("5E-324")

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

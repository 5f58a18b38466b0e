"""The register's sums, checked against figures worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from addin.domain.register import CallOff, days_left, maximum_problems, summarise
from addin.domain.register_checks import admissible

TODAY = date(2027, 1, 4)


def call_off(reference: str, council: str, value: str | None, **more: object) -> CallOff:
    values: dict[str, object] = {
        "source": f"{reference}.xlsx",
        "council": council,
        "reference": reference,
        "lot": 1,
        "status": "Awarded" if value else "Standstill",
        "where": {"reference": "Competition!B4", "value_inc_vat": "Award!B7"},
    }
    if value is not None:
        values |= {
            "value_ex_vat": Decimal(value),
            "value_inc_vat": Decimal(value) * Decimal("1.2"),
            "signed": date(2027, 1, 2),
        }
    return CallOff.model_validate(values | more)


# A: Oldham, Lot 1, £100,000, 30/12/2026, SME; B: Rochdale, Lot 2, £50,000, 02/01/2027, SME and
# VCSE; C: Kirklees, Lot 1, £250,000, 31/03/2027, neither; D: Oldham, still in standstill.
HAND_SET = [
    call_off(
        "A", "Oldham", "100000", signed=date(2026, 12, 30), supplier="Mutual", sme=True, vcse=False
    ),
    call_off("B", "Rochdale", "50000", lot=2, supplier="Civic", sme=True, vcse=True),
    call_off(
        "C", "Kirklees", "250000", signed=date(2027, 3, 31), supplier="Big", sme=False, vcse=False
    ),
    call_off("D", "Oldham", None),
]


def test_totals_per_lot_and_overall_against_the_maximum() -> None:
    s = summarise(HAND_SET, TODAY)
    assert (s.call_offs, s.awarded) == (4, 3)
    assert s.total_ex_vat == Decimal("400000")
    assert s.total_inc_vat == Decimal("480000")
    assert s.used_percent == Decimal("1.3")  # 400,000 / 30,000,000 = 1.33 %
    lots = [(x.name, x.count, x.value, x.value_percent, x.count_percent) for x in s.lots]
    assert lots == [
        ("Lot 1", 2, Decimal("350000"), Decimal("87.5"), Decimal("66.7")),
        ("Lot 2", 1, Decimal("50000"), Decimal("12.5"), Decimal("33.3")),
    ]


def test_councils_and_suppliers_by_share_of_the_work() -> None:
    s = summarise(HAND_SET, TODAY)
    assert [(x.name, x.value_percent) for x in s.councils] == [
        ("Kirklees", Decimal("62.5")),
        ("Oldham", Decimal("25.0")),
        ("Rochdale", Decimal("12.5")),
    ]
    assert [(x.name, x.count) for x in s.suppliers] == [("Big", 1), ("Mutual", 1), ("Civic", 1)]


def test_sme_and_vcse_shares_by_value_and_count() -> None:
    s = summarise(HAND_SET, TODAY)
    assert (s.sme.count_percent, s.sme.value_percent) == (Decimal("66.7"), Decimal("37.5"))
    assert (s.vcse.count_percent, s.vcse.value_percent) == (Decimal("33.3"), Decimal("12.5"))


def test_quarters_are_calendar_quarters_across_the_year_end() -> None:
    s = summarise(HAND_SET, TODAY)
    assert [(q.name, q.count, q.value) for q in s.quarters] == [
        ("2026 Q4", 1, Decimal("100000")),
        ("2027 Q1", 2, Decimal("300000")),
    ]
    assert [(p.reference, p.total) for p in s.cumulative] == [
        ("A", Decimal("100000")),
        ("B", Decimal("150000")),
        ("C", Decimal("400000")),
    ]


def test_days_left_count_to_the_end_of_23_february_2029() -> None:
    assert days_left(TODAY) == 781  # 365 + 366 (2028) + 27 + 23
    assert days_left(date(2029, 2, 22)) == 1
    assert days_left(date(2029, 2, 23)) == 0  # it expires at the end of today
    assert days_left(date(2029, 2, 24)) == -1


@pytest.mark.parametrize(
    ("total", "codes"),
    [
        ("23999999.99", []),
        ("24000000", [("DPS_MAXIMUM_80_PERCENT", "warning")]),
        ("26999999.99", [("DPS_MAXIMUM_80_PERCENT", "warning")]),
        ("27000000", [("DPS_MAXIMUM_90_PERCENT", "warning")]),
        ("30000000", [("DPS_MAXIMUM_90_PERCENT", "warning")]),
        ("30000000.01", [("DPS_MAXIMUM_EXCEEDED", "error")]),
    ],
)
def test_thresholds_at_80_and_90_percent_and_over_the_maximum(
    total: str, codes: list[tuple[str, str]]
) -> None:
    # Split over two call-offs, so the sum is what is compared.
    half = Decimal(total) / 2
    offs = [call_off("A", "X", str(half)), call_off("B", "Y", str(Decimal(total) - half))]
    found = maximum_problems(summarise(offs, TODAY))
    assert [(p.code, p.severity.value) for p in found] == codes


def test_the_same_call_off_twice_is_reported_and_counted_once() -> None:
    again = call_off("a", "OLDHAM", "100000", source="copy.json")
    same_ocid = call_off("Z", "Elsewhere", "1", ocid="ocds-abc123-A", source="z.json")
    first = HAND_SET[0].model_copy(update={"ocid": "ocds-abc123-A"})
    kept, problems = admissible([first, again, same_ocid])
    assert [c.source for c in kept] == ["A.xlsx"]
    assert [(p.code, p.cells) for p in problems] == [
        ("CALL_OFF_DUPLICATE", ("copy.json: Competition!B4", "A.xlsx: Competition!B4")),
        ("CALL_OFF_DUPLICATE", ("z.json: Competition!B4", "A.xlsx: Competition!B4")),
    ]


def test_inconsistent_records_are_reported_with_their_cells_and_skipped() -> None:
    wrong = call_off("E", "Oldham", "1000", value_inc_vat=Decimal("999"))
    late = call_off("F", "Oldham", "1000", signed=date(2029, 2, 24))
    kept, problems = admissible([wrong, late, HAND_SET[1]])
    assert [c.reference for c in kept] == ["B"]
    assert [p.code for p in problems] == ["CALL_OFF_INCONSISTENT", "CALL_OFF_INCONSISTENT"]
    assert problems[0].cells == ("E.xlsx: Award!B7", "E.xlsx")
    assert "less than the value excluding VAT" in problems[0].message
    assert "outside the DPS's period" in problems[1].message


def test_of_two_copies_the_one_further_on_is_kept() -> None:
    in_standstill = call_off("A", "Oldham", None, source="old.xlsx")
    awarded = HAND_SET[0].model_copy(update={"source": "new.json"})
    kept, problems = admissible([in_standstill, awarded])
    assert [c.source for c in kept] == ["new.json"]
    assert problems[0].cells == ("old.xlsx: Competition!B4", "new.json: Competition!B4")
    assert "(Standstill) is skipped" in problems[0].message

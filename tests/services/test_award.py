"""Recording the award: refused before the standstill ends and while a challenge is open."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.domain.award import AwardTerms
from addin.errors import ActionRefused
from addin.services.award import record_award, record_challenge
from addin.services.validate import validate_workbook
from addin.workbook.file_workbook import FileWorkbook
from addin.workbook.reader import read_tables
from tests.builders import (
    AFTER_STANDSTILL,
    STANDSTILL_END,
    scored_workbook,
    standstill_workbook,
)

TERMS = AwardTerms(
    signed=date(2026, 12, 30), value_ex_vat=Decimal("52000"), value_inc_vat=Decimal("62400")
)
PREFIX = "ocds-test01"


def award(path: Path, now: datetime, terms: AwardTerms = TERMS) -> object:
    return record_award(FileWorkbook(path), terms, path.parent / "out", None, now, PREFIX)


def fields(path: Path) -> dict[str, object]:
    rows = read_tables(path).tables["tblCompetition"].rows
    return {str(r["Field"]): r["Value"] for r in rows}


def audit_actions(path: Path) -> list[str]:
    return [str(r["Action"]) for r in read_tables(path).tables["tblAudit"].rows]


@pytest.fixture
def in_standstill(tmp_path: Path) -> Path:
    return standstill_workbook(tmp_path)


def test_refused_until_the_last_second_of_the_standstill_has_passed(in_standstill: Path) -> None:
    with pytest.raises(ActionRefused, match="the standstill has not ended") as refused:
        award(
            in_standstill, STANDSTILL_END, TERMS.model_copy(update={"signed": date(2026, 12, 29)})
        )
    assert "midnight at the end of Tuesday 29 December 2026" in str(refused.value)
    assert fields(in_standstill)["Status"] == "Standstill"
    assert not (in_standstill.parent / "out").exists()
    award(in_standstill, datetime(2026, 12, 30, 0, 0, 0))  # one second later
    assert fields(in_standstill)["Status"] == "Awarded"


def test_a_contract_signed_on_the_last_day_of_the_standstill_is_refused(
    in_standstill: Path,
) -> None:
    early = TERMS.model_copy(update={"signed": date(2026, 12, 29)})
    with pytest.raises(ActionRefused, match="is not after the standstill ended"):
        award(in_standstill, AFTER_STANDSTILL, early)


def test_an_open_challenge_holds_the_award_until_it_is_resolved(in_standstill: Path) -> None:
    book = FileWorkbook(in_standstill)
    record_challenge(
        book,
        "Claim form issued by CCIN-001",
        None,
        datetime(2026, 12, 22, 9),
        received=date(2026, 12, 21),
    )
    with pytest.raises(ActionRefused, match=r"challenge received on 21/12/2026 is open.*reg\. 95"):
        award(in_standstill, AFTER_STANDSTILL)
    with pytest.raises(ActionRefused, match="still open"):
        record_challenge(
            FileWorkbook(in_standstill),
            "Another",
            None,
            AFTER_STANDSTILL,
            received=date(2026, 12, 23),
        )
    record_challenge(
        FileWorkbook(in_standstill),
        "Claim withdrawn",
        None,
        datetime(2027, 1, 5, 9),
        resolved=date(2027, 1, 4),
    )
    award(
        in_standstill,
        datetime(2027, 1, 6, 9),
        TERMS.model_copy(update={"signed": date(2027, 1, 6)}),
    )
    actions = audit_actions(in_standstill)
    assert actions[-4:] == [
        "Challenge received",
        "Challenge resolved",
        "Contract awarded",
        "Award reported to DPS owner",
    ]
    details = read_tables(in_standstill).tables["tblAudit"].rows[-4]["Details"]
    assert details == "2026-12-21: Claim form issued by CCIN-001"


def test_resolving_when_no_challenge_is_open_is_refused(in_standstill: Path) -> None:
    with pytest.raises(ActionRefused, match="no challenge is open"):
        record_challenge(
            FileWorkbook(in_standstill), "Done", None, AFTER_STANDSTILL, resolved=date(2026, 12, 30)
        )


def test_award_before_letters_is_refused_by_status(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    with pytest.raises(ActionRefused, match="cannot award a competition that is Evaluated"):
        award(path, AFTER_STANDSTILL)


def test_an_edited_standstill_end_is_refused(in_standstill: Path) -> None:
    book = load_workbook(in_standstill)
    book["Competition"]["B21"] = datetime(2026, 12, 24, 23, 59, 59)
    book.save(in_standstill)
    with pytest.raises(ActionRefused, match="not the one recorded in the audit trail"):
        award(in_standstill, AFTER_STANDSTILL)


def test_the_award_is_recorded_with_its_publication_duties(in_standstill: Path) -> None:
    result = award(in_standstill, AFTER_STANDSTILL)
    tables = read_tables(in_standstill).tables
    recorded = {r["Field"]: r["Value"] for r in tables["tblAward"].rows}
    assert recorded["Supplier ID"] == "CCIN-003"
    assert recorded["Contract signed"] == datetime(2026, 12, 30)
    assert recorded["Value excl. VAT (GBP)"] == 52000
    assert recorded["Value incl. VAT (GBP)"] == 62400
    assert recorded["OCDS ocid"] == "ocds-test01-CCIN-2026-014"
    duties = [(r["Where"], r["Due by"], r["Reference"]) for r in tables["tblPublication"].rows]
    assert duties == [
        ("Find a Tender", datetime(2027, 1, 29), None),
        ("Contracts Finder", datetime(2027, 1, 29), None),
    ]
    text = result.notice.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert "Value awarded: £52,000 excluding VAT (£62,400 including VAT)" in text
    assert "Supplier: Commons Policy Lab CIC (CCIN-003)\nSME: Yes\nVCSE: Yes" in text
    assert "Suppliers invited: 4\nBids received: 4" in text
    assert "Standstill ended: midnight at the end of Tuesday 29 December 2026" in text
    # The awarded workbook still validates: audit chain, lock and seal intact.
    assert validate_workbook(in_standstill, date(2027, 1, 2)).errors == []


def test_quarterly_grouping_is_due_30_days_after_the_quarter_across_the_year_end(
    tmp_path: Path,
) -> None:
    path = standstill_workbook(tmp_path, fields={"Award notice grouping": "Quarterly"})
    signed = TERMS.model_copy(
        update={
            "signed": date(2027, 1, 4),
            "value_inc_vat": Decimal("29999.99"),
            "value_ex_vat": Decimal("24999.99"),
        }
    )
    award(path, datetime(2027, 1, 4, 12), signed)
    rows = read_tables(path).tables["tblPublication"].rows
    # Signed in 2027 Q1 (ends 31 March): due 30 April. Under £30,000 with VAT: no Contracts Finder.
    assert [(r["Where"], r["Due by"]) for r in rows] == [("Find a Tender", datetime(2027, 4, 30))]
    assert "2027 Q1" in str(rows[0]["Notice"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"value_inc_vat": Decimal("51999")}, "less than the value excluding VAT"),
        ({"value_ex_vat": Decimal("0")}, "must be more than £0"),
        ({"signed": date(2027, 1, 1)}, "is in the future"),
        (
            {"start": date(2027, 3, 1), "end": date(2027, 2, 1)},
            "ends (01/02/2027) before it starts",
        ),
    ],
)
def test_award_terms_that_cannot_be_right_are_refused(
    in_standstill: Path, change: dict[str, object], message: str
) -> None:
    with pytest.raises(ActionRefused, match=message.replace("(", r"\(").replace(")", r"\)")):
        award(in_standstill, AFTER_STANDSTILL, TERMS.model_copy(update=change))


def problems_on(path: Path, today: date) -> list[tuple[str, str, tuple[str, ...]]]:
    report = validate_workbook(path, today)
    return [(p.code, p.severity.value, p.cells) for p in report.problems]


def test_validate_warns_a_week_before_a_due_date_and_errors_once_it_has_passed(
    in_standstill: Path,
) -> None:
    award(in_standstill, AFTER_STANDSTILL)  # both notices due by 29 January 2027
    assert problems_on(in_standstill, date(2027, 1, 21)) == []
    for today in (date(2027, 1, 22), date(2027, 1, 29)):  # 7 days before, and the last day
        assert problems_on(in_standstill, today) == [
            ("PUBLICATION_DUE", "warning", ("Publication!E4", "Publication!C4")),
            ("PUBLICATION_DUE", "warning", ("Publication!E5", "Publication!C5")),
        ]
    overdue = problems_on(in_standstill, date(2027, 1, 30))
    assert [p[0] for p in overdue] == ["PUBLICATION_OVERDUE", "PUBLICATION_OVERDUE"]
    assert overdue[0][1:] == ("error", ("Publication!E4", "Publication!C4"))
    # A reference typed against the Find a Tender notice settles it.
    book = load_workbook(in_standstill)
    book["Publication"]["E4"] = "2027/S 000-012345"
    book.save(in_standstill)
    assert [p[0] for p in problems_on(in_standstill, date(2027, 1, 30))] == ["PUBLICATION_OVERDUE"]

"""Letter contexts and small templates built by code, and a reader for letters written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document

from addin.letters.context import AbandonmentContext, AwardCriterion, CriterionRow, LetterContext

# Every character XML and docxtpl treat specially, in the places bidders' text really goes.
AWKWARD_SUPPLIER = 'Smith & Sons <Consulting> "Co-op"'
AWKWARD_WINNER = "Jones & Partners <North> 'LLP'"
YOUR_REASON = 'Clear R&D plan; "co-design" <partly> evidenced'
WINNER_REASON = "Named R&D lead & a tested <toolkit>"


def rows() -> list[CriterionRow]:
    return [
        CriterionRow(
            id="Q1",
            category="Quality",
            criterion="Approach to R&D <co-design>",
            weight="30 %",
            max_score="5",
            your_score="3.00",
            your_points="18.00",
            winner_score="4.00",
            winner_points="24.00",
            your_reason=YOUR_REASON,
            winner_reason=WINNER_REASON,
        ),
        CriterionRow(
            id="SV1",
            category="Social Value",
            criterion="Local jobs & training",
            weight="10 %",
            max_score="5",
            your_score="4.00",
            your_points="8.00",
            winner_score="4.50",
            winner_points="9.00",
            your_reason="Two apprenticeships",
            winner_reason="Three apprenticeships & a local supply chain",
        ),
        CriterionRow(
            id="P1",
            category="Price",
            criterion="Price",
            weight="60 %",
            max_score="–",
            your_score="£45,000.00",
            your_points="45.50",
            winner_score="£40,000.00",
            winner_points="51.25",
            your_reason="Price 12.5 % above the lowest",
            winner_reason="Lowest price",
        ),
    ]


def award_criteria() -> list[AwardCriterion]:
    return [
        AwardCriterion(
            id=r.id,
            category=r.category,
            criterion=r.criterion,
            weight=r.weight,
            max_score=r.max_score,
        )
        for r in rows()
    ]


AUTHORITY_ADDRESS = ["Civic Centre", "West Street", "Oldham", "OL1 1UT"]


_RANK = {"successful": 1, "unsuccessful": 2, "not evaluated": None, "rejected": None}
_REASON = {
    "not evaluated": "Your bid arrived at 12:04 on 20 November 2026, after the 12:00 deadline.",
    "rejected": "Your score for Q1 (1 of 5) was below the minimum of 2 stated in the invitation.",
}


def make_context(outcome: str = "unsuccessful", **overrides: Any) -> LetterContext:
    winner = AWKWARD_SUPPLIER if outcome == "successful" else AWKWARD_WINNER
    values: dict[str, Any] = {
        "authority": "Oldham Council",
        "authority_address_lines": AUTHORITY_ADDRESS,
        "officer_name": "Jane O'Neil",
        "officer_email": "jane.oneil@oldham.gov.uk",
        "officer_phone": "0161 770 3000",
        "letter_date": "24 December 2026",
        "reference": "OLD-2026-014",
        "title": "Youth voice & R&D review",
        "lot": "Lot 1 – Policy Development & Testing",
        "supplier_id": "S004",
        "supplier_name": AWKWARD_SUPPLIER,
        "contact_name": "Sam Smith",
        "address_lines": ["Unit 2, Mill & Co Yard", "Oldham", "OL1 1AA"],
        "outcome": outcome,
        "rank": _RANK[outcome],
        "ranked_count": 3,
        "total": "71.50",
        "your_quality": "18.00",
        "your_social_value": "8.00",
        "your_price_points": "45.50",
        "winner_name": winner,
        "winner_total": "84.25",
        "winner_quality": "24.00",
        "winner_social_value": "9.00",
        "winner_price_points": "51.25",
        "price_method": "lowest price ÷ bid price × 60",
        "award_criteria": award_criteria(),
        "criteria": [] if outcome == "not evaluated" else rows(),
        "reason": _REASON.get(outcome, ""),
        "has_standstill": True,
        "standstill_end": "midnight at the end of Monday 4 January 2027",
    }
    return LetterContext(**(values | overrides))


def make_abandonment(**overrides: Any) -> AbandonmentContext:
    values: dict[str, Any] = {
        "authority": "Oldham Council",
        "authority_address_lines": AUTHORITY_ADDRESS,
        "officer_name": "Jane O'Neil",
        "officer_email": "jane.oneil@oldham.gov.uk",
        "letter_date": "20 November 2026",
        "reference": "OLD-2026-014",
        "title": "Youth voice & R&D review",
        "lot": "Lot 1 – Policy Development & Testing",
        "supplier_id": "S004",
        "supplier_name": AWKWARD_SUPPLIER,
        "contact_name": "Sam Smith",
        "address_lines": ["Unit 2, Mill & Co Yard", "Oldham", "OL1 1AA"],
        "reason": "The pilot's funding was withdrawn by the <Food> & Health board",
        "abandoned_on": "20 November 2026",
    }
    return AbandonmentContext(**(values | overrides))


@dataclass
class Letter:
    header: list[str]
    footer: list[str]
    body: list[str]
    tables: list[list[list[str]]]

    @property
    def text(self) -> str:
        return "\n".join(self.body)


def read_letter(path: Path) -> Letter:
    doc = Document(str(path))
    section = doc.sections[0]
    return Letter(
        header=[p.text for p in section.header.paragraphs],
        footer=[p.text for p in section.footer.paragraphs],
        body=[p.text for p in doc.paragraphs],
        tables=[[[c.text for c in row.cells] for row in t.rows] for t in doc.tables],
    )


def tiny_template(path: Path, *body: str, header: str = "", table: tuple[str, ...] = ()) -> Path:
    """A one-off template: paragraphs, an optional header, an optional criteria loop row."""
    doc = Document()
    if header:
        doc.sections[0].header.paragraphs[0].text = header
    for text in body:
        doc.add_paragraph(text)
    if table:
        grid = doc.add_table(rows=0, cols=len(table))
        blank = [""] * (len(table) - 1)
        for texts in (
            ["{%tr for row in criteria %}", *blank],
            list(table),
            ["{%tr endfor %}", *blank],
        ):
            for cell, text in zip(grid.add_row().cells, texts, strict=True):
                cell.text = text
    doc.save(str(path))
    return path

"""The report's decision sections, fed typed data as the workbook will record it."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from addin.domain.report_blocks import Heading, Paragraph, Report, Table
from addin.domain.report_decisions import (
    Clarification,
    Declaration,
    LateBidDecision,
    LowPriceDecision,
    TieBreakDecision,
    clarifications_section,
    declarations_section,
    late_bids_section,
    low_prices_section,
    tie_break_section,
)


def _blocks(fill: object) -> list[object]:
    report = Report("t")
    fill(report)  # type: ignore[operator]
    return report.blocks


def test_declarations_by_everyone_involved_with_their_measures() -> None:
    blocks = _blocks(
        lambda r: declarations_section(
            r,
            [
                Declaration("Sam Patel", "Officer", False, date(2026, 10, 27), "None needed"),
                Declaration(
                    "D. Adeyemi",
                    "Evaluator",
                    True,
                    date(2026, 11, 12),
                    "Removed from scoring; replaced by C. Osei",
                ),
            ],
        )
    )
    assert blocks[0] == Heading("Declarations of interest and measures taken")
    table = blocks[1]
    assert isinstance(table, Table)
    assert table.rows[1] == (
        "D. Adeyemi",
        "Evaluator",
        "Yes",
        "12 November 2026",
        "Removed from scoring; replaced by C. Osei",
    )
    assert len(blocks) == 2  # no "only the evaluators' declarations" note once others are in


def test_clarifications_logged_none_asked_or_not_kept() -> None:
    asked = Clarification(
        date(2026, 11, 2), "Is VAT included?", "No: prices exclude VAT", date(2026, 11, 3)
    )
    logged = _blocks(lambda r: clarifications_section(r, [asked]))
    assert isinstance(logged[1], Table)
    assert logged[1].rows == (
        ("2 November 2026", "Is VAT included?", "No: prices exclude VAT", "3 November 2026"),
    )
    assert _blocks(lambda r: clarifications_section(r, []))[1] == Paragraph(
        "No clarification questions were asked."
    )
    kept_elsewhere = _blocks(lambda r: clarifications_section(r, None))[1]
    assert isinstance(kept_elsewhere, Paragraph) and "portal's message log" in kept_elsewhere.text


def test_a_late_bid_accepted_with_its_reasons() -> None:
    decision = LateBidDecision(
        "North LLP (S4)",
        datetime(2026, 11, 11, 12, 2),
        accepted=True,
        reasons="Portal outage 11:50–12:05 confirmed by the provider",
    )
    table = _blocks(lambda r: late_bids_section(r, [decision]))[1]
    assert isinstance(table, Table)
    assert table.rows == (
        (
            "North LLP (S4)",
            "12:02 UK time on 11 November 2026",
            "Accepted",
            "Portal outage 11:50–12:05 confirmed by the provider",
        ),
    )


def test_an_abnormally_low_price_with_its_decision() -> None:
    decision = LowPriceDecision(
        "Cheap Co (S2)",
        Decimal("30000"),
        "Price £30,000 is 47.3 % below the mean of the other bids",
        date(2026, 11, 13),
        "Accepted",
        "Explanation: staff already funded by a grant; evidence supplied",
    )
    blocks = _blocks(lambda r: low_prices_section(r, [decision]))
    assert isinstance(blocks[1], Table)
    assert blocks[1].rows[0][1:5] == (
        "£30,000",
        "Price £30,000 is 47.3 % below the mean of the other bids",
        "13 November 2026",
        "Accepted",
    )
    assert len(blocks) == 2  # the reminder only shows while a decision is missing


def test_the_tie_break_with_the_rule_stated_before_launch() -> None:
    decision = TieBreakDecision(
        "CCIN-003",
        "higher Q2 score",
        datetime(2026, 11, 16, 10),
        "Sam Patel",
        rule="the higher score on Q2",
    )
    (_, text) = _blocks(lambda r: tie_break_section(r, decision))
    assert text == Paragraph(
        "The bids tied for first place. At 10:00 UK time on 16 November 2026 Sam Patel recorded "
        "the panel's decision for CCIN-003: higher Q2 score. The tie-break rule stated before "
        "launch: the higher score on Q2."
    )

"""The report's decision sections, and what `report_decisions` gathers for them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

from addin.domain.models import (
    Clarification,
    Competition,
    CompetitionFile,
    PreAwardCheck,
    RecordedDecision,
    TieBreakRule,
)
from addin.domain.outcomes import BidResult, EvaluationResult, Outcome
from addin.domain.report_blocks import Block, Heading, Paragraph, Report, Table
from addin.domain.report_decision_sections import (
    clarifications_section,
    declarations_section,
    late_bids_section,
    low_prices_section,
    pre_award_section,
    tie_break_section,
)
from addin.domain.report_decisions import (
    Declaration,
    LateBidDecision,
    LowPriceDecision,
    TieBreak,
    tie_break,
)


def _blocks(fill: Callable[[Report], None]) -> list[Block]:
    report = Report("t")
    fill(report)
    return report.blocks


def test_declarations_by_everyone_involved_with_their_measures() -> None:
    blocks = _blocks(
        lambda r: declarations_section(
            r,
            [
                Declaration("Sam Patel", "Officer", False, "", "None needed", date(2026, 10, 27)),
                Declaration(
                    "D. Adeyemi",
                    "Evaluator",
                    True,
                    "Former employee of S2",
                    "Removed from scoring; replaced by C. Osei",
                    date(2026, 10, 27),
                ),
            ],
        )
    )
    assert blocks[0] == Heading("Declarations of interest and measures taken (regs 24 and 41)")
    table = blocks[1]
    assert isinstance(table, Table)
    assert table.rows[1] == (
        "D. Adeyemi",
        "Evaluator",
        "Yes",
        "Former employee of S2",
        "Removed from scoring; replaced by C. Osei",
        "27 October 2026",
    )
    assert len(blocks) == 2  # the note on tab declarations only shows when there are some


def test_clarifications_logged_or_none_asked() -> None:
    asked = Clarification(
        row=0,
        received_on=date(2026, 11, 2),
        question="Is VAT included?",
        answer="No: prices exclude VAT",
        published_on=datetime(2026, 11, 3, 14, 30),
    )
    undated = asked.model_copy(update={"published_on": datetime(2026, 11, 3)})
    logged = _blocks(lambda r: clarifications_section(r, [asked, undated]))
    assert isinstance(logged[1], Table)
    assert logged[1].rows == (
        (
            "2 November 2026",
            "Is VAT included?",
            "No: prices exclude VAT",
            "14:30 UK time on 3 November 2026",
        ),
        ("2 November 2026", "Is VAT included?", "No: prices exclude VAT", "3 November 2026"),
    )
    assert _blocks(lambda r: clarifications_section(r, []))[1] == Paragraph(
        "No clarification questions were asked."
    )


def test_a_late_bid_accepted_says_who_decided_when_and_why() -> None:
    decision = LateBidDecision(
        "North LLP (S4)",
        datetime(2026, 11, 11, 12, 2),
        accepted=True,
        reasons="Portal outage 11:50–12:05 confirmed by the provider",
        decided_by="Sam Patel",
        decided_at=datetime(2026, 11, 12, 9),
    )
    table = _blocks(lambda r: late_bids_section(r, [decision]))[1]
    assert isinstance(table, Table)
    assert table.rows == (
        (
            "North LLP (S4)",
            "12:02 UK time on 11 November 2026",
            "Accepted: recorded by Sam Patel at 09:00 UK time on 12 November 2026",
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
    assert len(blocks) == 2  # the reg. 69 reminder only shows while the record is incomplete


RULE = TieBreakRule.MERIT.value


def test_the_tie_break_rule_is_stated_and_the_panel_s_decision_with_it() -> None:
    decision = RecordedDecision(
        supplier_id="CCIN-003",
        reason="higher Q2 score",
        when=datetime(2026, 11, 16, 10),
        who="Sam Patel",
    )
    tie = TieBreak(RULE, decision, "Commons Policy Lab CIC (CCIN-003)")
    (_, rule, text) = _blocks(lambda r: tie_break_section(r, tie))
    assert rule == Paragraph(
        f"The tie-break rule, published before launch and locked with the criteria: {RULE}."
    )
    assert text == Paragraph(
        "The bids tied for first place. At 10:00 UK time on 16 November 2026 Sam Patel recorded "
        "the panel's decision for Commons Policy Lab CIC (CCIN-003): higher Q2 score."
    )


def _bid(supplier_id: str, rank: int, total: int, reason: str) -> BidResult:
    outcome = Outcome.WINNER if rank == 1 else Outcome.UNSUCCESSFUL
    points = Fraction(total)
    return BidResult(
        supplier_id=supplier_id,
        supplier_name=f"Bidder {supplier_id}",
        outcome=outcome,
        rank=rank,
        quality=points,
        social_value=Fraction(0),
        price=Decimal(50000),
        price_points=Fraction(0),
        total=points,
        criteria=(),
        reason=reason,
    )


def test_equal_totals_settled_by_the_published_rule_are_not_reported_as_no_tie() -> None:
    file = CompetitionFile(competition=Competition(tie_break_rule=TieBreakRule.MERIT))
    won = "Equal highest total score (80.00 points); ranked first on the higher Quality points"
    result = EvaluationResult(
        bids=(_bid("S1", 1, 80, won), _bid("S2", 2, 80, "Ranked 2 of 2 with 80.00 points")),
        winner_id="S1",
        problems=(),
    )
    tie = tie_break(file, result)
    assert tie.decision is None
    (_, _, text) = _blocks(lambda r: tie_break_section(r, tie))
    assert text == Paragraph(
        "The highest totals were equal; the published rule settled it: Bidder S1 (S1): equal "
        "highest total score (80.00 points); ranked first on the higher Quality points."
    )
    clear = result.model_copy(update={"bids": (result.bids[0], _bid("S2", 2, 70, ""))})
    assert tie_break(file, clear) == TieBreak(RULE)


def test_pre_award_checks_confirmed_or_still_open() -> None:
    done = PreAwardCheck(
        row=0,
        check="Insurance certificates",
        confirmed_on=date(2026, 11, 16),
        confirmed_by="Sam Patel",
        notes="On file",
    )
    blocks = _blocks(lambda r: pre_award_section(r, [done]))
    assert blocks[0] == Heading("Pre-award checks on the successful bidder")
    assert isinstance(blocks[1], Table)
    assert blocks[1].rows == (
        ("Insurance certificates", "16 November 2026", "Sam Patel", "On file"),
    )
    assert len(blocks) == 2
    open_check = PreAwardCheck(row=1, check="No grounds for exclusion apply (reg. 57)")
    blocks = _blocks(lambda r: pre_award_section(r, [done, open_check]))
    assert isinstance(blocks[1], Table)
    assert blocks[1].rows[1] == (
        "No grounds for exclusion apply (reg. 57)",
        "Not yet confirmed",
        "",
        "",
    )
    assert isinstance(blocks[2], Paragraph) and blocks[2].text.startswith("Not every check")
    abandoned = _blocks(lambda r: pre_award_section(r, [open_check], abandoned=True))
    assert abandoned[1] == Paragraph(
        "None: the competition was abandoned before the checks were made."
    )

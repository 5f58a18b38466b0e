"""Abnormally low prices as a reg. 69 step, and the checks the letters wait for: the
explanation asked for, the decision and its reasons, the pre-award checks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from addin.demo import sample
from addin.demo.officer import (
    confirm_pre_award,
    evaluators_score,
    panel_moderates,
    record_low_price_decision,
)
from addin.domain.evaluation import show_points
from addin.domain.outcomes import Outcome
from addin.errors import ProblemsFound
from addin.services.evaluation import create_evaluator_tabs, moderate, score
from addin.services.late_bids import accept_late_bids
from addin.services.letters import write_letters
from addin.services.report import write_report
from addin.workbook.file_workbook import FileWorkbook
from tests.builders import AFTER_CLOSING, EVALUATORS, PANEL_DAY, bids_in_workbook, scored_workbook

ASKED = date(2026, 11, 16)
LATE, WHY = sample.LATE_BID_ACCEPTED
REASONS = sample.low_price_decision(ASKED)[LATE]["Low price reasons"]
# CCIN-004 is the fourth Bids row (row 7): explanation requested I, decision J, reasons K.
LOW_PRICE_CELLS = ("Bids!I7", "Bids!J7", "Bids!K7")


def scored_with_a_low_price(folder: Path) -> Path:
    """The late CCIN-004 (£38,500, 28.9 % below the others' mean) accepted and scored."""
    path = bids_in_workbook(folder)
    accept_late_bids(FileWorkbook(path), [(LATE, WHY)], None, AFTER_CLOSING)
    create_evaluator_tabs(FileWorkbook(path), EVALUATORS, "Sam Patel", AFTER_CLOSING)
    evaluators_score(path, AFTER_CLOSING)
    moderate(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    panel_moderates(path)
    return path


def set_bid(path: Path, column: str, value: object) -> None:
    book = load_workbook(path)
    book["Bids"][f"{column}7"] = value
    book.save(path)


def test_a_low_price_is_flagged_and_the_letters_wait_for_the_decision(tmp_path: Path) -> None:
    path = scored_with_a_low_price(tmp_path)
    scored = score(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    (flag,) = [w for w in scored.warnings if w.code == "ABNORMALLY_LOW_PRICE"]
    assert flag.cells == ("Bids!F7", "Bids!I7", "Bids!J7", "Bids!K7")
    assert scored.result.bid(LATE).outcome is not Outcome.REJECTED_LOW_PRICE
    with pytest.raises(ProblemsFound) as refused:
        write_letters(FileWorkbook(path), tmp_path / "letters", None, PANEL_DAY)
    (missing,) = [p for p in refused.value.problems if p.code == "LOW_PRICE_DECISION_MISSING"]
    assert missing.cells == ("Bids!I7", "Bids!J7", "Bids!K7")
    assert not (tmp_path / "letters").exists()


def test_a_rejected_low_price_is_not_ranked_and_the_result_recomputed(tmp_path: Path) -> None:
    path = scored_with_a_low_price(tmp_path)
    score(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    record_low_price_decision(path, ASKED)  # Rejected, with reasons
    rescored = score(FileWorkbook(path), "Sam Patel", PANEL_DAY.replace(day=18))
    rejected = rescored.result.bid(LATE)
    assert rejected is not None
    assert (rejected.outcome.value, rejected.rank) == (
        "Rejected — abnormally low price (reg. 69)",
        None,
    )
    assert rejected.reason.startswith(
        "Price rejected as abnormally low (reg. 69), after an explanation was requested on "
        "16 November 2026: The explanation prices 40 days"
    )
    # Without CCIN-004 the lowest price is CCIN-002's again: the sample's result, exactly.
    winner = rescored.result.winner
    assert winner is not None and (winner.supplier_id, show_points(winner.total)) == (
        "CCIN-003",
        "86.29",
    )
    assert not [w for w in rescored.warnings if w.code == "ABNORMALLY_LOW_PRICE"]
    row = next(
        r
        for r in load_workbook(path)["Results"].iter_rows(min_row=4, values_only=True)
        if r[1] == LATE
    )
    assert row[8] == "Rejected — abnormally low price (reg. 69)"
    # The letters go out: the rejected bidder gets the reason, with its scores.
    confirm_pre_award(path, ASKED)
    done = write_letters(FileWorkbook(path), tmp_path / "letters", None, PANEL_DAY.replace(day=19))
    letter = next(p for p in done.letters if LATE in p.name)
    text = "\n".join(p.text for p in Document(str(letter)).paragraphs)
    assert "Price rejected as abnormally low (reg. 69)" in text
    report = write_report(FileWorkbook(path), tmp_path / "report.md", PANEL_DAY.replace(day=19))
    text = report.read_text()
    northern = "Northern Co-design Partnership LLP (CCIN-004)"
    assert (
        f"| {northern} | £38,500 | Price £38,500 is 28.9 % below the mean of the other bids "
        f"(£54,133.33) | 16 November 2026 | Rejected | {REASONS} |"
    ) in text
    assert (  # the late bid accepted: who decided, when, and why
        f"| {northern} | 12:02 UK time on 11 November 2026 | Accepted: recorded by Sam Patel "
        f"at 09:00 UK time on 12 November 2026 | {WHY} |"
    ) in text
    assert (
        f"| {northern} | Rejected — abnormally low price (reg. 69) | Price rejected as abnormally "
        "low (reg. 69), after an explanation was requested on 16 November 2026:"
    ) in text


def test_a_rejection_without_asking_first_is_not_applied(tmp_path: Path) -> None:
    path = scored_with_a_low_price(tmp_path)
    set_bid(path, "J", "Rejected")
    set_bid(path, "K", "Too cheap")
    with pytest.raises(ProblemsFound) as refused:
        score(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    assert ("LOW_PRICE_EXPLANATION_NOT_REQUESTED", ("Bids!I7",)) in [
        (p.code, p.cells) for p in refused.value.problems
    ]


def test_an_accepted_explanation_keeps_the_bid_ranked(tmp_path: Path) -> None:
    path = scored_with_a_low_price(tmp_path)
    set_bid(path, "I", ASKED)
    set_bid(path, "J", "Accepted")
    set_bid(path, "K", "A grant covers the fieldwork; evidence seen")
    scored = score(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    accepted = scored.result.bid(LATE)
    assert accepted is not None and accepted.rank is not None
    assert "explained and accepted (reg. 69)" in accepted.notes
    assert not [w for w in scored.warnings if w.code == "ABNORMALLY_LOW_PRICE"]


def test_letters_wait_for_every_pre_award_check(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    book = load_workbook(path)
    book["Pre-award"]["B5"] = None  # the second check: no date
    book["Pre-award"]["C7"] = None  # the fourth: nobody named
    book.save(path)
    with pytest.raises(ProblemsFound) as refused:
        write_letters(FileWorkbook(path), tmp_path / "letters", None, PANEL_DAY)
    found = [p.cells for p in refused.value.problems if p.code == "PRE_AWARD_CHECKS_INCOMPLETE"]
    assert found == [("'Pre-award'!B5",), ("'Pre-award'!C7",)]
    assert refused.value.hint.startswith("Complete each cell named")


def test_a_standstill_shortened_after_launch_stops_the_letters(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    book = load_workbook(path)
    book["Competition"]["B18"] = 5
    book.save(path)
    with pytest.raises(ProblemsFound) as refused:
        write_letters(FileWorkbook(path), tmp_path / "letters", None, PANEL_DAY)
    assert ("STANDSTILL_TOO_SHORT", ("Competition!B18",)) in [
        (p.code, p.cells) for p in refused.value.problems
    ]


@pytest.mark.parametrize("days", [-1, 3_000_000])
def test_a_standstill_no_calendar_can_count_stops_the_letters(tmp_path: Path, days: int) -> None:
    path = scored_workbook(tmp_path)
    book = load_workbook(path)
    book["Competition"]["B18"] = days
    book.save(path)
    with pytest.raises(ProblemsFound) as refused:
        write_letters(FileWorkbook(path), tmp_path / "letters", None, PANEL_DAY)
    assert [(p.code, p.cells) for p in refused.value.problems] == [
        ("STANDSTILL_INVALID", ("Competition!B18",))
    ]

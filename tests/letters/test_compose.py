"""What each letter may say about whom (reg. 21, 86): read back from letters of the sample.

The sample: CCIN-003 wins (86.29) on quality, with the highest price (£59,900); CCIN-001 is
second (£54,000); CCIN-002 is third with the lowest price (£48,500); CCIN-004 was late.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from addin.demo import sample
from addin.services.letters import write_letters
from addin.workbook.file_workbook import FileWorkbook
from tests.builders import scored_workbook
from tests.letters.builders import read_letter

SENT = date(2026, 12, 18)
NOW = datetime(2026, 12, 18, 10)
WINNERS_WEAKNESS = "Small team; capacity risk over summer"


def _letters(path: Path, out: Path) -> dict[str, Path]:
    written = write_letters(FileWorkbook(path), out, None, NOW, letter_date=SENT).letters
    return {p.stem.split("_")[1]: p for p in written}


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sample")
    return _letters(scored_workbook(folder), folder / "letters")


def _reasons(path: Path) -> dict[str, list[str]]:
    """Criterion ID → the reasons row (recipient's reason, winner's column)."""
    reasons = read_letter(path).tables[-1]
    return {row[0].split()[0]: row[1:] for row in reasons[1:]}


def _all_text(path: Path) -> str:
    letter = read_letter(path)
    cells = [cell for table in letter.tables for row in table for cell in row]
    return "\n".join([*letter.header, *letter.body, *cells])


def test_reasons_come_from_the_panels_moderation_where_there_is_one(
    letters: dict[str, Path],
) -> None:
    reasons = _reasons(letters["CCIN-001"])
    assert reasons["Q2"][0] == sample.MODERATED[("CCIN-001", "Q2")][1]
    assert "member involvement thin" not in _all_text(letters["CCIN-001"])  # one evaluator's
    # Where the evaluators agreed, their rationales are the reasons.
    assert (
        reasons["Q3"][0]
        == "Named team, realistic days\nClear milestones\nRisks identified with mitigations"
    )


def test_the_winners_advantages_only_where_it_scored_higher(letters: dict[str, Path]) -> None:
    reasons = _reasons(letters["CCIN-001"])
    assert reasons["Q1"][1] == sample.MODERATED[("CCIN-003", "Q1")][1]  # 5 against 4
    # Q3: the winner scored 3 against 4, so its rationale (its weaknesses) is not quoted.
    assert reasons["Q3"][1] == "The winning bid scored lower than yours on this criterion."
    for loser in ("CCIN-001", "CCIN-002"):
        assert WINNERS_WEAKNESS not in _all_text(letters[loser])
    assert reasons["P1"][1] == (
        "The winning bid's price was higher than yours and earned fewer price points."
    )


def test_no_letter_gives_a_third_bidders_price(letters: dict[str, Path]) -> None:
    # £48,500 is CCIN-002's price: only its own letter may state it.
    assert "48,500" in _all_text(letters["CCIN-002"])
    for other in ("CCIN-001", "CCIN-003", "CCIN-004"):
        assert "48,500" not in _all_text(letters[other]), other
    assert _reasons(letters["CCIN-001"])["P1"][0] == (
        "Your price of £54,000 was scored against the lowest evaluated price."
    )
    assert _reasons(letters["CCIN-002"])["P1"][0] == (
        "Your price of £48,500 was the lowest evaluated price."
    )


def test_a_bid_below_a_minimum_is_rejected_never_excluded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    agreed = (1, "Panel agreed 1: no grasp of the local challenge")
    monkeypatch.setitem(sample.MODERATED, ("CCIN-002", "Q1"), agreed)
    letters = _letters(scored_workbook(tmp_path), tmp_path / "letters")
    assert letters["CCIN-002"].name == "CCIN-2026-014_CCIN-002_rejected.docx"
    letter = read_letter(letters["CCIN-002"])
    reason = letter.body.index("Your bid was rejected, for this reason:")
    assert letter.body[reason + 1] == (
        "Scored 1 on Q1 (Understanding of the co-operative policy challenge and the outcomes "
        "sought), below the minimum score of 2"
    )
    text = _all_text(letters["CCIN-002"])
    assert "excluded" not in text.casefold() and "exclusion" not in text.casefold()
    criteria = letter.tables[0]
    assert criteria[0] == ["Criterion", "Category", "Weight", "Max score"]
    assert [row[2] for row in criteria[1:]] == ["20 %", "25 %", "15 %", "10 %", "30 %"]
    price = _reasons(letters["CCIN-002"])["P1"]
    assert price == ["Not scored: your bid was rejected before prices were compared.", ""]
    # With CCIN-002 rejected, the lowest evaluated price is CCIN-001's own.
    assert _reasons(letters["CCIN-001"])["P1"][0] == (
        "Your price of £54,000 was the lowest evaluated price."
    )

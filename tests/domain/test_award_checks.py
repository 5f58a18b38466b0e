"""The checks before the letters that need no workbook: the award against the DPS's expiry
from the actual letter date, and an empty Pre-award list."""

from __future__ import annotations

from datetime import date

from addin.domain.models import Competition, CompetitionFile, PreAwardCheck
from addin.domain.problems import FieldRef
from addin.domain.rules.award import expiry_at_letters, pre_award_problems

FILE = CompetitionFile(competition=Competition(standstill_days=10))


def test_letters_whose_standstill_runs_past_expiry_are_refused() -> None:
    # Sent Tue 13 Feb 2029: 10 days end at the end of Fri 23 Feb; the award would be 24 Feb.
    (problem,) = expiry_at_letters(FILE, date(2029, 2, 13), frozenset())
    assert problem.code == "AWARD_AFTER_DPS_EXPIRY" and problem.is_error
    assert problem.message.startswith(
        "With letters dated 13/02/2029 and a standstill of 10 days, the contract cannot be "
        "awarded before 24/02/2029"
    )
    # A day earlier, the standstill ends at the end of 22 February: award on the last day.
    assert expiry_at_letters(FILE, date(2029, 2, 12), frozenset()) == []


def test_no_standstill_means_the_letter_day_is_the_award_day() -> None:
    none = FILE.model_copy(update={"competition": Competition(standstill_days=0)})
    assert expiry_at_letters(none, date(2029, 2, 23), frozenset()) == []
    assert [p.code for p in expiry_at_letters(none, date(2029, 2, 24), frozenset())] == [
        "AWARD_AFTER_DPS_EXPIRY"
    ]


def test_an_empty_pre_award_list_is_incomplete() -> None:
    (problem,) = pre_award_problems([PreAwardCheck(row=0, check="", confirmed_by="Sam")])
    assert problem.code == "PRE_AWARD_CHECKS_INCOMPLETE"
    assert problem.fields == (FieldRef(table="tblPreAward", row=0, column="Check"),)
    assert "lists no checks" in problem.message

"""Outcome letters from the evaluated workbook, read back from the .docx files."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from addin.errors import ActionRefused, LetterDateInPast
from addin.letters.pdf import PdfUnavailable, find_libreoffice
from addin.services.letters import write_letters
from addin.workbook.file_workbook import FileWorkbook
from tests.builders import PANEL_DAY, moderated_workbook, scored_workbook

SENT = date(2026, 12, 18)  # a Friday: 10 days runs into Christmas
ENDS = datetime(2026, 12, 29, 23, 59, 59)  # Tuesday 29 December 2026, after the bank holidays


def text_of(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for s in doc.sections for p in s.header.paragraphs]
    parts += [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def row_of(path: Path, first_cell_starts: str) -> list[str]:
    doc = Document(str(path))
    for table in doc.tables:
        for row in table.rows:
            cells = [c.text for c in row.cells]
            if cells[0].startswith(first_cell_starts):
                return cells
    raise AssertionError(first_cell_starts)


@pytest.fixture
def issued(tmp_path: Path) -> tuple[Path, Path]:
    path = scored_workbook(tmp_path)
    out = tmp_path / "letters"
    write_letters(FileWorkbook(path), out, None, datetime(2026, 12, 18, 10), letter_date=SENT)
    return path, out


def test_one_letter_per_bidder_named_by_reference_supplier_and_outcome(
    issued: tuple[Path, Path],
) -> None:
    _, out = issued
    assert sorted(p.name for p in out.glob("*.docx")) == [
        "CCIN-2026-014_CCIN-001_unsuccessful.docx",
        "CCIN-2026-014_CCIN-002_unsuccessful.docx",
        "CCIN-2026-014_CCIN-003_successful.docx",
        "CCIN-2026-014_CCIN-004_not-evaluated.docx",
    ]


def test_unsuccessful_letter_sets_scores_beside_the_winners(issued: tuple[Path, Path]) -> None:
    _, out = issued
    letter = out / "CCIN-2026-014_CCIN-002_unsuccessful.docx"
    text = text_of(letter)
    # Every criterion: weight, max, your score and points, winner's score and points.
    assert row_of(letter, "Q1")[1:] == ["20 %", "5", "3.00", "12.00", "5.00", "20.00"]
    assert row_of(letter, "P1")[1:] == ["30 %", "–", "£48,500", "30.00", "£59,900", "24.29"]
    assert "Your bid scored 73.00 points out of 100 and ranked 3 of 3" in text
    assert "The winning bid, from Commons Policy Lab CIC, scored 86.29 points" in text
    assert "Panel agreed 5: the analysis is exceptional and fully evidenced" in text
    # Escaping: the supplier's name comes out exactly, in the body and the header.
    assert 'Commercial in confidence – Smith & Sons <Consulting> "Co-op"' in text
    assert "R&D-style testing cycles but few residents" in text


def test_standstill_runs_past_christmas_bank_holidays(issued: tuple[Path, Path]) -> None:
    _, out = issued
    # Sent Fri 18 Dec 2026 + 10 days = Mon 28 Dec, the Boxing Day substitute bank holiday,
    # so the standstill runs to the end of the next working day, Tue 29 Dec 2026.
    text = text_of(out / "CCIN-2026-014_CCIN-001_unsuccessful.docx")
    assert "midnight at the end of Tuesday 29 December 2026" in text


def test_successful_and_not_evaluated_letters(issued: tuple[Path, Path]) -> None:
    _, out = issued
    won = text_of(out / "CCIN-2026-014_CCIN-003_successful.docx")
    assert "Commons Policy Lab CIC" in won and "86.29" in won
    late = text_of(out / "CCIN-2026-014_CCIN-004_not-evaluated.docx")
    assert (
        "Bid received at 12:02 on 11 November 2026 (UK time), 2 minutes after the 12:00 closing time on 11 November 2026"
        in late
    )
    assert "Q2 Approach to co-design with residents, officers and members" in late  # restated


def test_letters_are_logged_audited_and_the_standstill_recorded(issued: tuple[Path, Path]) -> None:
    path, _ = issued
    book = load_workbook(path)
    assert book["Competition"]["B19"].value == "Standstill"
    assert book["Competition"]["B21"].value == datetime(2026, 12, 29, 23, 59, 59)
    assert [c.value for c in book["Letters"][3]] == [
        "Supplier ID", "Outcome", "File", "Letter date", "Produced at", "Standstill ends",
    ]  # fmt: skip
    log = [[c.value for c in row] for row in book["Letters"].iter_rows(min_row=4, max_col=6)]
    assert [(r[0], r[1], r[3], r[4], r[5]) for r in log] == [
        (supplier, outcome, datetime(2026, 12, 18), datetime(2026, 12, 18, 10), ENDS)
        for supplier, outcome in [
            ("CCIN-003", "successful"),
            ("CCIN-001", "unsuccessful"),
            ("CCIN-002", "unsuccessful"),
            ("CCIN-004", "not evaluated"),
        ]
    ]
    audit = [book["Audit"].cell(r, 3).value for r in range(4, book["Audit"].max_row + 1)]
    assert audit[-2:] == ["Letters issued", "Intended award reported to DPS owner"]


def test_the_dps_owner_is_told_of_an_intended_award_not_an_award(
    issued: tuple[Path, Path],
) -> None:
    _, out = issued
    notice = (out / "CCIN-2026-014_award_notice-to-Oldham.txt").read_text()
    assert "Subject: Intended call-off award under the CCIN Consultancy Services" in notice
    assert (
        "Oldham Council intends to award a call-off contract under the DPS once the voluntary "
        "standstill period has ended at midnight at the end of Tuesday 29 December 2026 (UK "
        "time), provided no claim has been issued. It has not yet been awarded"
    ) in notice
    assert "has awarded" not in notice
    assert "Intended supplier: Commons Policy Lab CIC (CCIN-003)" in notice
    assert "Outcome letters sent: 18 December 2026" in notice
    assert "jonathan.downs@oldham.gov.uk" in notice


def test_rerunning_does_not_silently_overwrite_but_force_does(issued: tuple[Path, Path]) -> None:
    path, out = issued
    monday = datetime(2026, 12, 21, 9, 30)
    with pytest.raises(ActionRefused, match="already issued") as refused:
        write_letters(FileWorkbook(path), out, None, monday)
    assert refused.value.exit_code == 1  # a refusal, as the README says
    # Re-issued three days later: dated that day, and the standstill counted from it again.
    write_letters(FileWorkbook(path), out, None, monday, force=True)
    text = text_of(out / "CCIN-2026-014_CCIN-001_unsuccessful.docx")
    assert "Date: 21 December 2026" in text
    assert "ends at midnight at the end of Thursday 31 December 2026 (UK time)" in text
    book = load_workbook(path)
    actions = [book["Audit"].cell(r, 3).value for r in range(4, book["Audit"].max_row + 1)]
    assert "Letters re-issued (--force)" in actions
    log = [[c.value for c in row] for row in book["Letters"].iter_rows(min_row=4, max_col=6)]
    assert [(r[3], r[4], r[5]) for r in log[4:]] == [
        (datetime(2026, 12, 21), monday, datetime(2026, 12, 31, 23, 59, 59))
    ] * 4


def test_a_letter_date_in_the_past_is_refused(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    before = path.read_bytes()
    with pytest.raises(LetterDateInPast) as refused:
        write_letters(
            FileWorkbook(path), tmp_path / "out", None, datetime(2026, 12, 19, 9), letter_date=SENT
        )
    assert str(refused.value) == (
        "the letter date 18 December 2026 is in the past (today is 19 December 2026): letters "
        "are dated the day they are sent, and the standstill counts from that day"
    )
    assert refused.value.exit_code == 1
    assert not (tmp_path / "out").exists() and path.read_bytes() == before


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    before = path.read_bytes()
    result = write_letters(FileWorkbook(path), tmp_path / "out", None, PANEL_DAY, dry_run=True)
    assert len(result.letters) == 4
    assert not (tmp_path / "out").exists()
    assert path.read_bytes() == before


def test_letters_refuse_before_scoring(tmp_path: Path) -> None:
    path = moderated_workbook(tmp_path)
    with pytest.raises(ActionRefused, match="that is Closed"):
        write_letters(FileWorkbook(path), tmp_path / "out", None, PANEL_DAY)


def test_pdf_without_libreoffice_says_so_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("addin.services.letters.find_libreoffice", lambda: None)
    path = scored_workbook(tmp_path)
    with pytest.raises(PdfUnavailable):
        write_letters(FileWorkbook(path), tmp_path / "out", None, PANEL_DAY, pdf=True)
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(
    find_libreoffice() is None and not os.environ.get("DPS_REQUIRE_LIBREOFFICE"),
    reason="LibreOffice is not installed (CI installs it and sets DPS_REQUIRE_LIBREOFFICE)",
)
def test_pdf_letters_through_libreoffice(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    out = tmp_path / "out"
    result = write_letters(FileWorkbook(path), out, None, PANEL_DAY, letter_date=SENT, pdf=True)
    assert [p.name for p in result.pdfs] == [p.with_suffix(".pdf").name for p in result.letters]
    assert all(p.read_bytes().startswith(b"%PDF") for p in result.pdfs)


def test_supplier_ids_that_clash_as_file_names_get_a_letter_each(tmp_path: Path) -> None:
    # `a/b` and `a-b` (and `é1` and `è1`) were one file name: 8 letters planned, 6 written.
    odd = ["a/b", "a-b", "é1", "è1"]
    path = scored_workbook(tmp_path, late_bidders=odd)
    out = tmp_path / "letters"
    result = write_letters(FileWorkbook(path), out, None, PANEL_DAY, letter_date=SENT)
    written = sorted(p.name for p in out.glob("*.docx"))
    assert len(written) == len(result.letters) == 8
    assert len({name.casefold() for name in written}) == 8
    log = load_workbook(path)["Letters"]
    logged = {
        row[0].value: Path(str(row[2].value)).name for row in log.iter_rows(min_row=4, max_col=3)
    }
    assert sorted(logged.values()) == written  # each logged under the name it was written as
    for supplier in odd:  # and each file is that supplier's own letter
        assert f"Late Bidder {'ABCD'[odd.index(supplier)]} Ltd" in text_of(out / logged[supplier])
    assert logged["a/b"] == "CCIN-2026-014_a-b-c14cddc0_not-evaluated.docx"


def test_a_workbook_from_the_older_template_gets_its_standstill_end_row(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    book = load_workbook(path)
    sheet = book["Competition"]
    assert sheet["A20"].value == "Award notice grouping"
    # The template before issue 12 had no Award notice grouping or Standstill end (rows 20-21);
    # issue 10's fields (Members list dated … Tie-break rule, locked at launch) came up to 20-22.
    sheet.delete_rows(20, 2)
    sheet.tables["tblCompetition"].ref = "A3:B22"
    book.save(path)
    write_letters(FileWorkbook(path), tmp_path / "out", None, datetime(2026, 12, 18, 10), SENT)
    sheet = load_workbook(path)["Competition"]
    assert (sheet["A23"].value, sheet["B23"].value) == (
        "Standstill end",
        datetime(2026, 12, 29, 23, 59, 59),
    )
    assert sheet.tables["tblCompetition"].ref == "A3:B23"

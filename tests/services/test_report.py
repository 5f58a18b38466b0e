"""The reg. 84 evaluation report, as Markdown and as Word, read back as a lawyer reads it."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from openpyxl import load_workbook

from addin.demo import sample
from addin.demo.officer import log_clarifications
from addin.errors import ActionRefused, DpsError
from addin.letters.word_layout import longest_word_cm
from addin.services.abandon import abandon
from addin.services.evaluation import score
from addin.services.letters import write_letters
from addin.services.report import write_report
from addin.workbook.file_workbook import FileWorkbook
from tests.builders import (
    INVITATION,
    PANEL_DAY,
    build_workbook,
    make_tie,
    moderated_workbook,
    scored_workbook,
)

LETTERS_DAY = datetime(2026, 12, 18, 10)
REPORT_DAY = datetime(2026, 12, 18, 11)


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample, scored and its letters sent on Friday 18 December 2026."""
    folder = tmp_path_factory.mktemp("issued")
    path = scored_workbook(folder)
    write_letters(FileWorkbook(path), folder / "letters", None, LETTERS_DAY)
    return path


@pytest.fixture(scope="module")
def markdown(issued: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("md") / "report.md"
    return write_report(FileWorkbook(issued), out, REPORT_DAY).read_text()


@pytest.fixture(scope="module")
def word(issued: Path, tmp_path_factory: pytest.TempPathFactory) -> DocxDocument:
    out = tmp_path_factory.mktemp("docx") / "report.docx"
    return Document(str(write_report(FileWorkbook(issued), out, REPORT_DAY)))


def test_the_authority_the_contract_and_its_value(markdown: str) -> None:
    for row in (
        "| Contracting authority | Oldham Council |",
        "| Address | Civic Centre, West Street, Oldham, OL1 1UT |",
        "| Subject matter | Co-operative neighbourhood food systems: policy lab and pilot design |",
        "| Dynamic purchasing system | CCIN Consultancy Services Dynamic Purchasing System, run "
        "by Oldham Council, for the Co-operative Councils' Innovation Network (CCIN) |",
        "| Estimated value | £60,000 |",
        "| Value awarded | £59,900, the successful bid's price |",
        "| Closing time | 12:00 UK time on 11 November 2026 |",
    ):
        assert row in markdown, row
    assert "Framework" not in markdown


def test_every_invited_supplier_and_bidder_and_how_they_communicated(markdown: str) -> None:
    assert (
        "4 supplier(s) admitted to Lot 1 – Policy Development & Testing were invited (every "
        "active member of the lot); 4 bid(s) were received."
    ) in markdown
    assert (
        "| CCIN-004 | Northern Co-design Partnership LLP | Yes | Yes | 12:02 UK time on 11 "
        "November 2026 | £38,500 | Yes |"
    ) in markdown
    assert "were by electronic means, through The Chest (www.the-chest.org.uk) and email" in (
        markdown
    )


def test_declarations_late_bids_clarifications_and_the_tie_break(markdown: str) -> None:
    # A. Khan declared twice: on the Declarations sheet before launch, on her tab when scoring.
    assert "| A. Khan | Evaluator | No |  | None needed | 26 October 2026 |" in markdown
    assert "| A. Khan | Evaluator (on their tab) | No |  | None needed | 12 November 2026 |" in (
        markdown
    )
    assert (
        "| Northern Co-design Partnership LLP (CCIN-004) | 12:02 UK time on 11 November 2026 | "
        "Rejected | Received after the closing time; late bids are not evaluated |"
    ) in markdown
    assert "## Clarifications\n\nNo clarification questions were asked." in markdown
    assert (
        "The tie-break rule, published before launch and locked with the criteria: Higher "
        "Quality + Social Value points; then the panel's recorded decision.\n\nThere was no tie "
        "for first place, so no tie-break decision was needed."
    ) in markdown


def test_the_successful_bidder_why_and_its_subcontracting(markdown: str) -> None:
    assert (
        "Commons Policy Lab CIC (CCIN-003) submitted the most economically advantageous tender "
        "on the published award criteria and weightings: 86.29 points out of 100, ranked first "
        "of 3 (Quality 54.00, Social Value 8.00, Price 24.29 for a price of £59,900)."
    ) in markdown
    assert (
        "| P1 Total fixed price (GBP, excluding VAT) | £59,900 | 24.29 | Scored by the published "
        "method (Lowest price) against the lowest evaluated price, £48,500. |"
    ) in markdown
    assert (
        "Share of the contract to be subcontracted: 15 %, to Oldham Food Network CIC (paid "
        "community researchers)."
    ) in markdown


def test_rejected_bids_low_prices_letters_standstill_and_retention(markdown: str) -> None:
    assert (
        "| Northern Co-design Partnership LLP (CCIN-004) | Not evaluated | Bid received at 12:02 "
        "on 11 November 2026 (UK time), 2 minutes after the 12:00 closing time on 11 November "
        "2026 |"
    ) in markdown
    assert "No evaluated price was more than 20 % below the mean" in markdown
    assert (
        "| CCIN-001 | unsuccessful | 18 December 2026 | 10:00 UK time on 18 December 2026 | "
        "midnight at the end of Tuesday 29 December 2026 (UK time) |"
    ) in markdown
    assert (
        "The voluntary standstill period, counted from the latest outcome letters, ends at "
        "midnight at the end of Tuesday 29 December 2026 (UK time)."
    ) in markdown
    assert "for at least 3 years from the date of award of the contract" in markdown
    assert "Not applicable: the authority has not decided against awarding the contract." in (
        markdown
    )


def test_sensitivity_what_ifs_stay_out_of_the_report(markdown: str) -> None:
    assert "Sensitivity" not in markdown and "RESULT_SENSITIVE" not in markdown
    assert "±5" not in markdown and "Linear" not in markdown


def test_dates_are_written_out(markdown: str) -> None:
    body = markdown.split("## Audit trail")[0]  # the audit keeps the details as recorded
    assert not re.search(r"\d{2}/\d{2}/\d{4}", body)


def test_escaping_in_markdown(markdown: str) -> None:
    assert 'Smith & Sons &lt;Consulting&gt; "Co-op"' in markdown
    assert '### Smith & Sons &lt;Consulting&gt; "Co-op" (CCIN-002)' in markdown


# --- the Word report, laid out for print -----------------------------------------------------


def _rows(doc: DocxDocument) -> Iterator[object]:
    for table in doc.tables:
        yield from table.rows


def test_word_report_is_a4_with_page_numbers(word: DocxDocument) -> None:
    section = word.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.left_margin.cm, 1) == 2.5
    footer = section.footer._element.xml
    assert " PAGE " in footer and " NUMPAGES " in footer


def test_word_tables_repeat_headers_keep_rows_whole_and_fit_their_words(
    word: DocxDocument,
) -> None:
    for table in word.tables:
        layout = table._tbl.tblPr.find(qn("w:tblLayout"))
        assert layout is not None and layout.get(qn("w:type")) == "fixed"
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    criteria = next(
        t for t in word.tables if [c.text for c in t.rows[0].cells][2:3] == ["Criterion"]
    )
    column = criteria.columns[2]
    assert column.width.cm >= longest_word_cm("Understanding") - 0.01  # never "Understandi|ng"
    widths = {round(c.width.cm, 2) for c in criteria.columns}
    assert len(widths) > 2  # chosen per column, not equal


def test_word_scores_are_grouped_by_supplier(word: DocxDocument) -> None:
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 3"]
    assert headings == [
        "Mutual Futures Co-operative Ltd (CCIN-001)",
        'Smith & Sons <Consulting> "Co-op" (CCIN-002)',
        "Commons Policy Lab CIC (CCIN-003)",
    ]
    top = [p.text for p in word.paragraphs if p.style.name == "Heading 2"]
    assert "Sensitivity of the result" not in top and "Letters and standstill" in top


def test_every_sentence_before_a_table_is_kept_with_it(word: DocxDocument) -> None:
    body = [c for c in word.element.body if c.tag in (qn("w:p"), qn("w:tbl"))]
    for before, block in itertools.pairwise(body):
        if block.tag == qn("w:tbl") and before.tag == qn("w:p"):
            style = before.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            heading = style is not None and style.get(qn("w:val")).startswith("Heading")
            kept = before.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
            assert heading or kept, before.xpath("string(.)")


# --- the decisions the report records --------------------------------------------------------


def test_a_recorded_tie_break_is_reported(tmp_path: Path) -> None:
    path = moderated_workbook(tmp_path)
    make_tie(path)
    reason = "Higher score on Q2, the tie-break stated before launch"
    score(FileWorkbook(path), "Sam Patel", PANEL_DAY, tie_break=("CCIN-003", reason))
    text = write_report(FileWorkbook(path), tmp_path / "r.md", PANEL_DAY).read_text()
    assert (
        "The bids tied for first place. At 10:00 UK time on 16 November 2026 Sam Patel recorded "
        f"the panel's decision for Commons Policy Lab CIC (CCIN-003): {reason}."
    ) in text


def test_an_abnormally_low_price_is_reported_with_its_missing_decision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    received = sample.bids_received

    def cheap(closing: datetime) -> dict[str, dict[str, object]]:
        bids = received(closing)
        bids["CCIN-002"] = {**bids["CCIN-002"], "Price": 30000}
        return bids

    monkeypatch.setattr(sample, "bids_received", cheap)
    text = write_report(FileWorkbook(scored_workbook(tmp_path)), tmp_path / "r.md", PANEL_DAY)
    report = text.read_text()
    assert (
        '| Smith & Sons &lt;Consulting&gt; "Co-op" (CCIN-002) | £30,000 | Price £30,000 is 47.3 % '
        "below the mean of the other bids (£56,950) |  | Not recorded | Not recorded |"
    ) in report
    assert "Regulation 69 requires the bidder to be asked to explain" in report


def test_an_abandoned_competition_reports_the_decision_not_to_award(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    reason = "The pilot's funding was withdrawn"
    abandon(FileWorkbook(path), reason, tmp_path / "letters", None, PANEL_DAY)
    text = write_report(FileWorkbook(path), tmp_path / "r.md", PANEL_DAY).read_text()
    assert (
        "At 10:00 UK time on 16 November 2026 Sam Patel recorded the authority's decision not to "
        f"award a contract in this mini-competition, which was abandoned, for this reason: {reason}"
    ) in text
    assert (
        "| Value awarded | None: the competition was abandoned (see Decision not to award) |"
        in (text)
    )
    assert "| CCIN-001 | abandoned | 16 November 2026 | 10:00 UK time on 16 November 2026 |  |" in (
        text
    )
    assert "The successful bidder and why" not in text
    assert "| 1 | Commons Policy Lab CIC (CCIN-003) |" in text  # the result, as scored


def test_report_refuses_a_draft_and_bad_suffix(tmp_path: Path) -> None:
    draft = build_workbook(tmp_path)
    with pytest.raises(ActionRefused):
        write_report(FileWorkbook(draft), tmp_path / "r.md", PANEL_DAY)
    with pytest.raises(DpsError, match=r"\.docx or \.md"):
        write_report(FileWorkbook(draft), tmp_path / "r.pdf", PANEL_DAY)


def test_the_report_states_what_was_decided_around_the_evaluation(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    log_clarifications(path, INVITATION)
    text = write_report(FileWorkbook(path), tmp_path / "report.md", PANEL_DAY).read_text()
    for expected in (
        "| Sam Patel | Officer | No |  | None needed | 26 October 2026 |",
        "| Jo Booth | Approver | No |  | None needed | 26 October 2026 |",
        "| Commons Policy Lab CIC (CCIN-003) | Supplier prior involvement | Yes | Ran the "
        "council's 2025 discovery work on neighbourhood food systems | Discovery report sent to "
        "every invited supplier with the invitation; 15-day tender period; no Commons staff on "
        "the panel | 26 October 2026 |",
        "| 30 October 2026 | Is the pilot delivery budget included in the fixed price? | No: the "
        "council holds the pilot budget. Price the policy lab and the pilot design only. | "
        "31 October 2026 |",
        "## Abnormally low prices (reg. 69)\n\nNo evaluated price was more than 20 % below",
        "| Any other certificates or evidence the invitation required | 16 November 2026 | "
        "Sam Patel | Confirmed by the winner in writing; certificates on file |",
    ):
        assert expected in text, expected
    assert "Not every check is confirmed" not in text
    # One section per topic, in the order of the record: the checks come before the letters.
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    topics = [
        "## Declarations of interest and measures taken (regs 24 and 41)",
        "## Clarifications",
        "## Late bids",
        "## Abnormally low prices (reg. 69)",
        "## Tie-break",
        "## Pre-award checks on the successful bidder",
        "## Decision not to award",
        "## Letters and standstill",
    ]
    assert [h for h in headings if h in topics] == topics
    assert len(headings) == len(set(headings))


def test_a_tie_break_decision_the_final_scores_no_longer_need_is_reported_unused(
    tmp_path: Path,
) -> None:
    path = moderated_workbook(tmp_path)
    price = load_workbook(path)["Bids"]["F6"].value
    make_tie(path)
    score(FileWorkbook(path), "Sam Patel", PANEL_DAY, tie_break=("CCIN-003", "Higher Q2 score"))
    book = load_workbook(path)
    book["Bids"]["F6"] = price  # the tie undone: CCIN-003's own price again
    book.save(path)
    rescored = score(FileWorkbook(path), "Sam Patel", PANEL_DAY.replace(hour=11))
    assert any(w.code == "TIE_BREAK_NOT_USED" for w in rescored.warnings)
    text = write_report(FileWorkbook(path), tmp_path / "r.md", PANEL_DAY).read_text()
    assert (
        "A tie-break decision for Commons Policy Lab CIC (CCIN-003) was recorded at 10:00 UK "
        "time on 16 November 2026 by Sam Patel, but the final scores have no tie for first "
        "place, so it was not used."
    ) in text
    assert "The bids tied for first place" not in text

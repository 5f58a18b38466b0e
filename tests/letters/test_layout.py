"""Letters print well: A4, fixed column widths, header rows repeated, rows kept whole, each
sentence that introduces a table kept on the table's page, and space after every table.

Read back from letters rendered through docxtpl, so the test also proves docxtpl keeps the
properties the templates carry (it copies the `{%tr %}` loop row for every criterion).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from addin.letters.render import render_letter
from addin.letters.templates import ABANDONED, TEMPLATES_DIR, template_for
from addin.letters.word_layout import longest_word_cm
from tests.letters.builders import make_abandonment, make_context

OUTCOMES = ["successful", "unsuccessful", "not evaluated", "rejected"]


def _rendered(tmp_path: Path, outcome: str) -> DocxDocument:
    if outcome == "abandoned":
        out = render_letter(TEMPLATES_DIR / ABANDONED, make_abandonment(), tmp_path / "a.docx")
    else:
        out = render_letter(template_for(outcome), make_context(outcome), tmp_path / "l.docx")
    return Document(str(out))


def _body_blocks(doc: DocxDocument) -> list[object]:
    return [child for child in doc.element.body if child.tag in (qn("w:p"), qn("w:tbl"))]


@pytest.mark.parametrize("outcome", [*OUTCOMES, "abandoned"])
def test_a4_with_printable_margins_and_page_numbers(tmp_path: Path, outcome: str) -> None:
    doc = _rendered(tmp_path, outcome)
    section = doc.sections[0]
    # Word stores lengths in twips: compare to the millimetre.
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    sides = ("left_margin", "right_margin", "top_margin", "bottom_margin")
    assert [round(getattr(section, side).cm, 1) for side in sides] == [2.5] * 4
    footer = section.footer._element.xml
    assert " PAGE " in footer and " NUMPAGES " in footer


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_every_table_has_fixed_columns_a_repeated_header_and_rows_kept_whole(
    tmp_path: Path, outcome: str
) -> None:
    doc = _rendered(tmp_path, outcome)
    assert doc.tables
    for table in doc.tables:
        layout = table._tbl.tblPr.find(qn("w:tblLayout"))
        assert layout is not None and layout.get(qn("w:type")) == "fixed"
        grid = [col.width for col in table.columns]
        assert sum(g.cm for g in grid) <= 16.01  # within the text width
        first, *rest = table.rows
        assert first._tr.trPr.find(qn("w:tblHeader")) is not None
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
            assert [cell.width for cell in row.cells] == grid
        assert rest, "each table has data rows"


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_the_sentence_before_a_table_stays_with_it_and_space_follows(
    tmp_path: Path, outcome: str
) -> None:
    blocks = _body_blocks(_rendered(tmp_path, outcome))
    for i, block in enumerate(blocks):
        if block.tag != qn("w:tbl"):
            continue
        before, after = blocks[i - 1], blocks[i + 1]
        if before.tag == qn("w:p"):  # a summary table may follow its scores table's sentence
            assert before.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None, before.xpath(
                "string(.)"
            )
        if after.tag == qn("w:p"):
            spacing = after.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
            assert spacing is not None and int(spacing.get(qn("w:before"))) > 0, after.xpath(
                "string(.)"
            )


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_every_word_fits_its_column(tmp_path: Path, outcome: str) -> None:
    # "Understanding" broke mid-word in equal-width columns: each column now fits its longest
    # word (headings in bold), with room for the wider fonts used when Arial is missing.
    for table in _rendered(tmp_path, outcome).tables:
        for row_number, row in enumerate(table.rows):
            for cell in row.cells:
                needed = longest_word_cm(cell.text, bold=row_number == 0)
                assert cell.width.cm >= needed - 0.01, (cell.text, cell.width.cm)


@pytest.mark.parametrize("outcome", [*OUTCOMES, "abandoned"])
def test_the_sign_off_never_stands_alone_on_a_page(tmp_path: Path, outcome: str) -> None:
    # "Yours sincerely" and the signature alone on a last page (seen on an unsuccessful letter):
    # the letter's last sentence goes over with them.
    paragraphs = _rendered(tmp_path, outcome).paragraphs
    sign_off = next(i for i, p in enumerate(paragraphs) if p.text == "Yours sincerely,")
    for paragraph in paragraphs[sign_off - 1 : -1]:
        assert paragraph.paragraph_format.keep_with_next, paragraph.text

"""The reg. 84 report's Word tables: written as XML text, element for element what python-docx
makes, and the saved report exactly the document python-docx saves."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import nsmap
from docx.shared import Pt
from docx.table import Table as DocxTable
from lxml import etree

from addin.domain.report import Heading, Paragraph, Report, Table
from addin.letters import word_layout
from addin.report.render import AFTER_TABLE, TABLE_TEXT, _new_report, column_widths, write_report
from addin.report.word_rows import rows_xml

ROWS = [
    ["CCIN-001", " leading space", "tab\there, line\nbreak"],
    ["", 'Smith & Sons <Consulting> "Co-op"', "\r\n"],
    ["trailing ", "\xa0non-breaking", "plain"],
]


def append_rows(table: DocxTable, xml: str) -> None:
    """`rows_xml`'s rows made into elements of `table` (what python-docx would have added)."""
    # Not python-docx's own parser, which drops "blank" text such as a cell of spaces.
    parser = etree.XMLParser(resolve_entities=False, huge_tree=True)
    wrapped = f'<w:tbl xmlns:w="{nsmap["w"]}">{xml}</w:tbl>'
    table._tbl.extend(list(etree.fromstring(wrapped, parser)))


def _document(fill_rows: bool) -> bytes:
    doc = Document()
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["ID", "Name", "Notes"], strict=True):
        cell.text = text
    if fill_rows:
        append_rows(table, rows_xml(table, ROWS))
    else:  # python-docx's own way, the reference
        for row in ROWS:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
    return etree.tostring(doc.element)


def test_rows_are_exactly_what_python_docx_makes() -> None:
    assert _document(fill_rows=True) == _document(fill_rows=False)


def test_the_rows_read_back_as_their_text() -> None:
    doc = Document()
    table = doc.add_table(rows=1, cols=3)
    append_rows(table, rows_xml(table, ROWS))
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == [
        ["CCIN-001", " leading space", "tab\there, line\nbreak"],
        ["", 'Smith & Sons <Consulting> "Co-op"', "\n\n"],
        ["trailing ", "\xa0non-breaking", "plain"],
    ]


def test_sized_unsplittable_rows_are_what_the_report_layout_makes() -> None:
    def made(fast: bool) -> bytes:
        doc = Document()
        table = doc.add_table(rows=1, cols=3)
        if fast:
            xml = rows_xml(table, [["a", "b c", "d"]], font_size=Pt(9), cant_split=True)
            append_rows(table, xml)
        else:
            row = table.add_row()
            word_layout.cant_split(row)
            for cell, text in zip(row.cells, ["a", "b c", "d"], strict=True):
                cell.paragraphs[0].add_run(text).font.size = Pt(9)
        return etree.tostring(doc.element)

    assert made(fast=True) == made(fast=False)


def test_text_xml_cannot_hold_is_refused_as_python_docx_refuses_it() -> None:
    table = Document().add_table(rows=0, cols=1)
    with pytest.raises(ValueError, match="XML compatible"):
        rows_xml(table, [["bell \x07 in a name"]])


def _python_docx_table(doc: DocxDocument, block: Table) -> None:
    """A report table as python-docx and word_layout made it, cell by cell (the reference)."""
    table = doc.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    heading = table.rows[0]
    for cell, text in zip(heading.cells, block.headers, strict=True):
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, TABLE_TEXT
        word_layout.keep_with_next(cell.paragraphs[0])
        word_layout.shade(cell)
    word_layout.repeat_as_header(heading)
    word_layout.cant_split(heading)
    for values in block.rows:
        row = table.add_row()
        word_layout.cant_split(row)
        for cell, text in zip(row.cells, values, strict=True):
            cell.paragraphs[0].add_run(text).font.size = TABLE_TEXT
    word_layout.fixed_widths(table, column_widths(block))


def _python_docx_report(report: Report, out: Path) -> None:
    """The report as python-docx laid it out, block by block (the reference)."""
    doc = _new_report(report)
    doc.add_heading(report.title, level=1)
    blocks = report.blocks
    for i, block in enumerate(blocks):
        if isinstance(block, Table):
            _python_docx_table(doc, block)
            continue
        if isinstance(block, Heading):
            paragraph = doc.add_heading(block.text, level=block.level)
        else:
            paragraph = doc.add_paragraph(block.text)
        if i + 1 < len(blocks) and isinstance(blocks[i + 1], Table):
            word_layout.keep_with_next(paragraph)
        if i > 0 and isinstance(blocks[i - 1], Table) and isinstance(block, Paragraph):
            paragraph.paragraph_format.space_before = AFTER_TABLE
    doc.save(str(out))


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_the_saved_report_is_the_document_python_docx_saves(tmp_path: Path) -> None:
    """Headings, sentences kept with their tables, and tables with a shaded bold heading row
    repeated on every page, rows that never split and fixed widths: every part of the .docx."""
    scores = Table(
        headers=("Supplier", "Understanding & approach", "Notes"),
        rows=(
            ("Smith & Sons <Consulting>", "  ", "tab\there"),
            *(tuple(row) for row in ROWS),
            ("x" * 80, "", "\n"),
        ),
        widths=(2, 3, 1),
    )
    report = Report(
        title="CCIN-2026-014 — evaluation report",
        blocks=[
            Heading("Scores", level=2),
            Paragraph("Each bid's scores:"),
            scores,
            Paragraph("After the table."),
            Table(headers=("Item", "Record"), rows=(("Lot", "Lot 1 – Policy"),)),
            Heading("Decision", level=3),
        ],
    )
    write_report(report, tmp_path / "fast.docx")
    _python_docx_report(report, tmp_path / "reference.docx")
    fast, reference = _parts(tmp_path / "fast.docx"), _parts(tmp_path / "reference.docx")
    assert list(fast) == list(reference)
    assert fast == reference
    assert b"Smith &amp; Sons &lt;Consulting&gt;" in fast["word/document.xml"]


def test_characters_no_document_can_hold_are_left_out_as_in_the_letters(tmp_path: Path) -> None:
    """Text typed in Excel can hold characters XML forbids (a vertical tab pasted from Word, a
    bell); the ribbon reads them as they are. The report leaves them out, as the letters do,
    rather than stopping with an internal error."""
    report = Report(
        title="CCIN-2026-014\x07 evaluation report",
        blocks=[
            Heading("Scores\x0c", level=2),
            Paragraph("Each\x0b bid's scores:"),
            Table(headers=("Supplier\x01", "Notes"), rows=(("Smith\x0b & Sons", "late\x1b"),)),
        ],
    )
    out = write_report(report, tmp_path / "report.docx")
    text = Document(str(out))
    paragraphs = [p.text for p in text.paragraphs]
    assert paragraphs[:3] == ["CCIN-2026-014 evaluation report", "Scores", "Each bid's scores:"]
    cells = [[c.text for c in row.cells] for row in text.tables[0].rows]
    assert cells == [["Supplier", "Notes"], ["Smith & Sons", "late"]]
    assert "CCIN-2026-014 evaluation report" in text.core_properties.title

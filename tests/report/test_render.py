"""The reg. 84 report's Word tables: built with lxml, element for element what python-docx makes."""

from __future__ import annotations

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from lxml import etree

from addin.domain.report import Table
from addin.letters import word_layout
from addin.report.render import TABLE_TEXT, _add_table, _Styles, append_rows, column_widths

ROWS = [
    ["CCIN-001", " leading space", "tab\there, line\nbreak"],
    ["", 'Smith & Sons <Consulting> "Co-op"', "\r\n"],
    ["trailing ", "\xa0non-breaking", "plain"],
]


def _document(fill_rows: bool) -> bytes:
    doc = Document()
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["ID", "Name", "Notes"], strict=True):
        cell.text = text
    if fill_rows:
        append_rows(table, ROWS)
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
    append_rows(table, ROWS)
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == [
        ["CCIN-001", " leading space", "tab\there, line\nbreak"],
        ["", 'Smith & Sons <Consulting> "Co-op"', "\n\n"],
        ["trailing ", "\xa0non-breaking", "plain"],
    ]


def test_sized_unsplittable_rows_are_what_the_report_layout_makes() -> None:
    from docx.shared import Pt

    def made(fast: bool) -> bytes:
        doc = Document()
        table = doc.add_table(rows=1, cols=3)
        if fast:
            append_rows(table, [["a", "b c", "d"]], font_size=Pt(9), cant_split=True)
        else:
            row = table.add_row()
            word_layout.cant_split(row)
            for cell, text in zip(row.cells, ["a", "b c", "d"], strict=True):
                cell.paragraphs[0].add_run(text).font.size = Pt(9)
        return etree.tostring(doc.element)

    assert made(fast=True) == made(fast=False)


def _python_docx_table(doc: DocxDocument, block: Table) -> None:
    """The report table as python-docx and word_layout made it, cell by cell (the reference)."""
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


def test_report_tables_are_exactly_what_python_docx_and_word_layout_make() -> None:
    """Shaded bold heading row repeated on every page, rows that never split, fixed widths."""
    block = Table(
        headers=("Supplier", "Understanding & approach", "Notes"),
        rows=(
            ("Smith & Sons <Consulting>", "  ", "tab\there"),
            *(tuple(row) for row in ROWS),
            ("x" * 80, "", "\n"),
        ),
        widths=(2, 3, 1),
    )
    fast, reference = Document(), Document()
    _add_table(fast, _Styles(fast), block)
    _python_docx_table(reference, block)
    assert etree.tostring(fast.element) == etree.tostring(reference.element)


def test_text_xml_cannot_hold_is_refused_as_python_docx_refuses_it() -> None:
    doc = Document()
    table = doc.add_table(rows=0, cols=1)
    with pytest.raises(ValueError, match="XML compatible"):
        append_rows(table, [["bell \x07 in a name"]])

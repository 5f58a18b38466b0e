"""The reg. 84 report's Word tables: built with lxml, element for element what python-docx makes."""

from __future__ import annotations

from docx import Document
from lxml import etree

from addin.report.render import append_rows

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

    from addin.letters import word_layout

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

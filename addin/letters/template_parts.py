"""Building blocks of the letter templates: the page, paragraphs and tables, laid out for print.

Every table has fixed column widths, a shaded heading row repeated on each page, and rows that
never split across pages; the sentence that introduces a table is kept on the table's page, and
the paragraph after a table starts with some space. templates.py writes the words.
"""

from __future__ import annotations

from datetime import datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from addin.letters import word_layout
from addin.letters.word_layout import PORTRAIT_TEXT_CM

TABLE_TEXT = 9
# Space above the paragraph that follows a table, so text never sits on the table's last line.
AFTER_TABLE = Pt(12)


def new_letter(title: str) -> DocxDocument:
    """An A4 letter with the authority's letterhead, a confidentiality line and page numbers."""
    doc = Document()
    section = doc.sections[0]
    word_layout.a4(section)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    # Fixed properties: no save time or "python-docx" author, and no tags (docxtpl renders them).
    props = doc.core_properties
    props.title, props.author, props.language = title, "CCIN DPS add-in", "en-GB"
    props.comments = "Letter template: edit the wording in Word, keep the field tags."
    props.created = props.modified = datetime(2026, 1, 1)
    props.last_modified_by, props.revision = "CCIN DPS add-in", 1

    header = section.header
    letterhead = header.paragraphs[0]
    letterhead.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run(letterhead, "{{ authority }}", bold=True, size=16)
    for text in ("{{ authority_address }}", "Commercial in confidence – {{ supplier_name }}"):
        line = header.add_paragraph()
        line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run(line, text, size=9)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(footer, "{{ dps_name }} – mini-competition {{ reference }}", size=8)
    numbers = section.footer.add_paragraph()
    numbers.alignment = WD_ALIGN_PARAGRAPH.CENTER
    word_layout.page_x_of_y(numbers, Pt(8))
    return doc


def run(paragraph: Paragraph, text: str, *, bold: bool = False, size: int | None = None) -> None:
    added = paragraph.add_run(text)
    added.bold = bold or None
    if size:
        added.font.size = Pt(size)


def para(
    doc: DocxDocument,
    text: str = "",
    *,
    bold: bool = False,
    introduces_table: bool = False,
    after_table: bool = False,
) -> Paragraph:
    paragraph = doc.add_paragraph()
    run(paragraph, text, bold=bold)
    if introduces_table:
        word_layout.keep_with_next(paragraph)
    if after_table:
        paragraph.paragraph_format.space_before = AFTER_TABLE
    return paragraph


def widths(first: float, others: int, total: float = PORTRAIT_TEXT_CM) -> tuple[float, ...]:
    rest = round((total - first) / others, 2)
    return (first, *(rest,) * others)


def table(doc: DocxDocument, headings: tuple[str, ...], column_widths: tuple[float, ...]) -> Table:
    """A grid table with a shaded heading row that repeats on every page."""
    added: Table = doc.add_table(rows=1, cols=len(headings))
    added.style = doc.styles["Table Grid"]
    heading_row = added.rows[0]
    for cell, heading in zip(heading_row.cells, headings, strict=True):
        run(cell.paragraphs[0], heading, bold=True, size=TABLE_TEXT)
        # The heading row stays with the first data row at the foot of a page.
        word_layout.keep_with_next(cell.paragraphs[0])
        word_layout.shade(cell)
    word_layout.repeat_as_header(heading_row)
    word_layout.cant_split(heading_row)
    word_layout.fixed_widths(added, column_widths)
    return added


def row(
    added: Table, texts: tuple[str, ...], column_widths: tuple[float, ...], bold: bool = False
) -> None:
    new = added.add_row()  # type: ignore[no-untyped-call]
    word_layout.cant_split(new)
    for cell, text, width in zip(new.cells, texts, column_widths, strict=True):
        cell.width = Cm(width)
        run(cell.paragraphs[0], text, bold=bold, size=TABLE_TEXT)


def loop_rows(
    added: Table, items: str, cells: tuple[str, ...], column_widths: tuple[float, ...]
) -> None:
    """One row per item of `items`: docxtpl drops the {%tr %} rows and repeats the one between."""
    blank = ("",) * (len(cells) - 1)
    row(added, (f"{{%tr for row in {items} %}}", *blank), column_widths)
    row(added, cells, column_widths)
    row(added, ("{%tr endfor %}", *blank), column_widths)


def keep_rows_together(added: Table) -> None:
    """The whole table on one page: every row but the last kept with the next."""
    for kept in added.rows[:-1]:
        for cell in kept.cells:
            for paragraph in cell.paragraphs:
                word_layout.keep_with_next(paragraph)

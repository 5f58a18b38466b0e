"""Lays out report blocks as Markdown or as a Word document (python-docx; the tables' rows are
written as XML text by word_rows.py).

The Word report is laid out for print: A4 portrait with printable margins, page numbers in the
footer, every table with fixed column widths in proportion to the report's relative widths (so
"Understanding" never breaks mid-word), its heading row repeated on every page and its rows
never split across pages, and each heading and sentence kept with the table that follows. The
long score table is one table per supplier, each readable on a portrait page.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from addin.atomic import write_atomically
from addin.domain.cells import XML_FORBIDDEN
from addin.domain.report import Block, Heading, Paragraph, Report, Table
from addin.letters import word_layout
from addin.letters.word_layout import PORTRAIT_TEXT_CM
from addin.report.word_rows import RowsToSplice, rows_xml

TABLE_TEXT = Pt(9)
AFTER_TABLE = Pt(10)
# A 60-bid report's 15,000 cells hold about 1,000 distinct texts (scores, names, "Yes"): each
# is measured once.
_longest_word_cm = functools.lru_cache(maxsize=8192)(word_layout.longest_word_cm)


def _text(text: str) -> str:
    # Supplier names such as "Smith & Sons <Consulting>" must not be read as HTML tags.
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _cell(text: str) -> str:
    return _text(text).replace("|", "\\|").replace("\n", "<br>")


def to_markdown(report: Report) -> str:
    lines = [f"# {_text(report.title)}", ""]
    for block in report.blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + _text(block.text), ""]
        elif isinstance(block, Paragraph):
            lines += [_text(block.text), ""]
        elif isinstance(block, Table):
            lines.append("| " + " | ".join(_cell(h) for h in block.headers) + " |")
            lines.append("|" + "---|" * len(block.headers))
            lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in block.rows]
            lines.append("")
    return "\n".join(lines)


def column_widths(table: Table, total_cm: float = PORTRAIT_TEXT_CM) -> tuple[float, ...]:
    """The table's relative widths on `total_cm`, each column wide enough for its longest word
    (heading in bold) so no word is broken across lines."""
    weights = table.widths or (1.0,) * len(table.headers)
    minimums = [
        max(
            _longest_word_cm(heading, bold=True),
            *(_longest_word_cm(row[i]) for row in table.rows),
        )
        for i, heading in enumerate(table.headers)
    ]
    return word_layout.fit_widths(weights, minimums, total_cm)


def _new_report(report: Report) -> DocxDocument:
    doc = Document()
    section = doc.sections[0]
    word_layout.a4(section)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(10)
    props = doc.core_properties
    props.title, props.author, props.language = report.title, "CCIN DPS add-in", "en-GB"
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{report.title} – ").font.size = Pt(8)
    word_layout.page_x_of_y(footer, Pt(8))
    return doc


class _Styles:
    """Style ids looked up once per document: python-docx looks a style's name up afresh, over
    every style in the document, for each paragraph or table it is given to (~3 ms each)."""

    def __init__(self, doc: DocxDocument) -> None:
        self._part = doc.part
        self._ids: dict[tuple[str, WD_STYLE_TYPE], str | None] = {}

    def id_of(self, name: str, kind: WD_STYLE_TYPE) -> str | None:
        if (name, kind) not in self._ids:
            # What `paragraph.style = name` and `table.style = name` look up (None: the default).
            self._ids[name, kind] = self._part.get_style_id(name, kind)  # type: ignore[no-untyped-call]
        return self._ids[name, kind]


def _add_heading(doc: DocxDocument, styles: _Styles, text: str, level: int) -> DocxParagraph:
    """As `doc.add_heading(text, level)`, with the style id looked up once."""
    paragraph = doc.add_paragraph(text)
    paragraph._p.style = styles.id_of(f"Heading {level}", WD_STYLE_TYPE.PARAGRAPH)
    return paragraph


def _add_table(doc: DocxDocument, styles: _Styles, block: Table, rows: RowsToSplice) -> None:
    table = doc.add_table(rows=0, cols=len(block.headers))
    table._tbl.tblStyle_val = styles.id_of("Table Grid", WD_STYLE_TYPE.TABLE)
    # Widths fixed while the table has no rows: its rows then take theirs from its grid.
    word_layout.fixed_widths(table, column_widths(block))
    heading = rows_xml(table, [block.headers], font_size=TABLE_TEXT, heading=True)
    body = rows_xml(table, block.rows, font_size=TABLE_TEXT, cant_split=True)
    rows.mark(table, heading + body)


def _word_text(report: Report) -> Report:
    """The report without the characters XML forbids, which an Excel cell can hold (a vertical
    tab pasted from Word): left out, as the letters leave them out (letters.context)."""
    texts = [report.title]
    for block in report.blocks:
        if isinstance(block, Table):
            texts += block.headers
            texts += (text for row in block.rows for text in row)
        else:
            texts.append(block.text)
    if not XML_FORBIDDEN.search("".join(texts)):  # nearly always: one search, no copy
        return report

    def clean(text: str) -> str:
        return XML_FORBIDDEN.sub("", text)

    blocks: list[Block] = [
        replace(
            block,
            headers=tuple(map(clean, block.headers)),
            rows=tuple(tuple(map(clean, row)) for row in block.rows),
        )
        if isinstance(block, Table)
        else replace(block, text=clean(block.text))
        for block in report.blocks
    ]
    return Report(clean(report.title), blocks)


def _docx(report: Report, out: Path) -> None:
    report = _word_text(report)
    doc = _new_report(report)
    styles, rows = _Styles(doc), RowsToSplice()
    _add_heading(doc, styles, report.title, level=1)
    blocks: list[Block] = report.blocks
    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        after_table = i > 0 and isinstance(blocks[i - 1], Table)
        if isinstance(block, Table):
            _add_table(doc, styles, block, rows)
            continue
        if isinstance(block, Heading):
            paragraph = _add_heading(doc, styles, block.text, block.level)
        else:
            paragraph = doc.add_paragraph(block.text)
        if isinstance(following, Table):
            word_layout.keep_with_next(paragraph)  # never a sentence alone above its table
        if after_table and isinstance(block, Paragraph):  # headings bring their own space
            paragraph.paragraph_format.space_before = AFTER_TABLE
    rows.save(doc, out)


def write_report(report: Report, out: Path) -> Path:
    """`.md` gives Markdown; anything else a Word document. Written atomically."""
    if out.suffix.lower() == ".md":
        return write_atomically(
            out, lambda temp: temp.write_text(to_markdown(report), encoding="utf-8")
        )
    return write_atomically(out, lambda temp: _docx(report, temp))

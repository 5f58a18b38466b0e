"""Lays out report blocks as Markdown or as a Word document (python-docx).

The Word report is laid out for print: A4 portrait with printable margins, page numbers in the
footer, every table with fixed column widths in proportion to the report's relative widths (so
"Understanding" never breaks mid-word), its heading row repeated on every page and its rows
never split across pages, and each heading and sentence kept with the table that follows. The
long score table is one table per supplier, each readable on a portrait page.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import nsmap, qn
from docx.shared import Length, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from addin.domain.report import Block, Heading, Paragraph, Report, Table
from addin.letters import word_layout
from addin.letters.files import write_atomically
from addin.letters.word_layout import PORTRAIT_TEXT_CM

TABLE_TEXT = Pt(9)
AFTER_TABLE = Pt(10)


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
    # Columns repeat their values (scores, names, "Yes"): each distinct text is measured once.
    longest_word_cm = functools.lru_cache(maxsize=None)(word_layout.longest_word_cm)
    minimums = [
        max(
            longest_word_cm(heading, bold=True),
            *(longest_word_cm(row[i]) for row in table.rows),
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


def _add_table(doc: DocxDocument, styles: _Styles, block: Table) -> None:
    table = doc.add_table(rows=0, cols=len(block.headers))
    table._tbl.tblStyle_val = styles.id_of("Table Grid", WD_STYLE_TYPE.TABLE)
    # Widths fixed while the table has no rows: the rows then take theirs from its grid.
    word_layout.fixed_widths(table, column_widths(block))
    append_rows(table, [block.headers], font_size=TABLE_TEXT, heading=True)
    append_rows(table, block.rows, font_size=TABLE_TEXT, cant_split=True)


def _docx(report: Report, out: Path) -> None:
    doc = _new_report(report)
    styles = _Styles(doc)
    _add_heading(doc, styles, report.title, level=1)
    blocks: list[Block] = report.blocks
    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        after_table = i > 0 and isinstance(blocks[i - 1], Table)
        if isinstance(block, Table):
            _add_table(doc, styles, block)
            continue
        if isinstance(block, Heading):
            paragraph = _add_heading(doc, styles, block.text, block.level)
        else:
            paragraph = doc.add_paragraph(block.text)
        if isinstance(following, Table):
            word_layout.keep_with_next(paragraph)  # never a sentence alone above its table
        if after_table and isinstance(block, Paragraph):  # headings bring their own space
            paragraph.paragraph_format.space_before = AFTER_TABLE
    doc.save(str(out))


# Rows are written as XML text and parsed in one go: lxml's parser makes the thousands of
# elements of a 60-bid report's rows far faster than one `SubElement` call each. The parser keeps
# every space (python-docx's own drops "blank" text, which a cell of spaces is).
_ROWS_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)
_W_NS = nsmap["w"]
_BREAKS = re.compile(r"(\t|\r\n|[\r\n])")
# What lxml refuses in text (XML 1.0 forbids it): refused here in lxml's own words, as before.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _run_xml(text: str) -> str:
    """As python-docx's `run.text = text`: a tab is <w:tab/>, a line break <w:br/>, the rest
    <w:t> (keeping its spaces when it starts or ends with one)."""
    if _NOT_XML.search(text):
        raise ValueError(
            "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control "
            "characters"
        )
    parts: list[str] = []
    for piece in _BREAKS.split(text):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece in ("\r\n", "\r", "\n"):
            parts.append("<w:br/>" * len(piece))
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return "".join(parts)


def _within(tag: str, content: str) -> str:
    return f"<{tag}>{content}</{tag}>" if content else ""


def append_rows(
    table: DocxTable,
    rows: Sequence[Sequence[str]],
    *,
    font_size: Length | None = None,
    cant_split: bool = False,
    heading: bool = False,
) -> None:
    """The rows python-docx's `table.add_row()` and `add_run(text)` (with `font.size`) make,
    element for element, each cell as wide as its column in the table's grid; python-docx takes
    ~1 ms a cell, which made the reg. 84 report of a 60-bid competition (3,000 rows) take
    seconds. `cant_split` as `word_layout.cant_split(row)`; a `heading` row is also bold, shaded,
    kept with the next row and repeated on every page, as `word_layout` makes it."""
    widths = [col.get(qn("w:w")) for col in table._tbl.tblGrid.gridCol_lst]
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{word_layout.HEADER_FILL}"/>'
    cell_props = [
        (f'<w:tcW w:type="dxa" w:w="{width}"/>' if width is not None else "")
        + (shading if heading else "")
        for width in widths
    ]
    size = "" if font_size is None else f'<w:sz w:val="{round(font_size.pt * 2)}"/>'
    cell_starts = [
        "<w:tc>"
        + _within("w:tcPr", props)
        + "<w:p>"
        + ("<w:pPr><w:keepNext/></w:pPr>" if heading else "")
        + "<w:r>"
        + _within("w:rPr", ("<w:b/>" if heading else "") + size)
        for props in cell_props
    ]
    row_props = ("<w:cantSplit/>" if cant_split or heading else "") + (
        "<w:tblHeader/>" if heading else ""
    )
    row_start = "<w:tr>" + _within("w:trPr", row_props)
    xml = [f'<w:tbl xmlns:w="{_W_NS}">']
    for values in rows:
        xml.append(row_start)
        for start, text in zip(cell_starts, values, strict=True):
            xml += (start, _run_xml(text), "</w:r></w:p></w:tc>")
        xml.append("</w:tr>")
    xml.append("</w:tbl>")
    table._tbl.extend(list(etree.fromstring("".join(xml), _ROWS_PARSER)))


def write_report(report: Report, out: Path) -> Path:
    """`.md` gives Markdown; anything else a Word document. Written atomically."""
    if out.suffix.lower() == ".md":
        return write_atomically(
            out, lambda temp: temp.write_text(to_markdown(report), encoding="utf-8")
        )
    return write_atomically(out, lambda temp: _docx(report, temp))

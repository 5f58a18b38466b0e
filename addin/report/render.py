"""Lays out report blocks as Markdown or as a Word document (python-docx).

The Word report is laid out for print: A4 portrait with printable margins, page numbers in the
footer, every table with fixed column widths in proportion to the report's relative widths (so
"Understanding" never breaks mid-word), its heading row repeated on every page and its rows
never split across pages, and each heading and sentence kept with the table that follows. The
long score table is one table per supplier, each readable on a portrait page.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length, Pt
from docx.table import Table as DocxTable
from lxml import etree

from addin.domain.report import Block, Heading, Paragraph, Report, Table
from addin.letters import word_layout
from addin.letters.render import write_atomically
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
    minimums = [
        max(
            word_layout.longest_word_cm(heading, bold=True),
            *(word_layout.longest_word_cm(row[i]) for row in table.rows),
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


def _add_table(doc: DocxDocument, block: Table) -> None:
    widths = column_widths(block)
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
    append_rows(table, block.rows, font_size=TABLE_TEXT, cant_split=True)
    word_layout.fixed_widths(table, widths)


def _docx(report: Report, out: Path) -> None:
    doc = _new_report(report)
    doc.add_heading(report.title, level=1)
    blocks: list[Block] = report.blocks
    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        after_table = i > 0 and isinstance(blocks[i - 1], Table)
        if isinstance(block, Table):
            _add_table(doc, block)
            continue
        if isinstance(block, Heading):
            paragraph = doc.add_heading(block.text, level=block.level)
        else:
            paragraph = doc.add_paragraph(block.text)
        if isinstance(following, Table):
            word_layout.keep_with_next(paragraph)  # never a sentence alone above its table
        if after_table and isinstance(block, Paragraph):  # headings bring their own space
            paragraph.paragraph_format.space_before = AFTER_TABLE
    doc.save(str(out))


_TR, _TC, _TC_PR, _TC_W, _P, _R, _T, _TAB, _BR, _TR_PR, _CANT_SPLIT, _R_PR, _SZ = (
    qn(f"w:{tag}")
    for tag in (
        "tr",
        "tc",
        "tcPr",
        "tcW",
        "p",
        "r",
        "t",
        "tab",
        "br",
        "trPr",
        "cantSplit",
        "rPr",
        "sz",
    )
)
_VAL = qn("w:val")
_W, _TYPE, _SPACE = qn("w:w"), qn("w:type"), qn("xml:space")


def _run_content(run: etree._Element, text: str) -> None:
    """As python-docx's `run.text = text`: a tab is <w:tab/>, a line break <w:br/>, the rest
    <w:t> (keeping its spaces when it starts or ends with one)."""
    pending: list[str] = []

    def flush() -> None:
        if pending:
            chunk = "".join(pending)
            t = etree.SubElement(run, _T)
            t.text = chunk
            if len(chunk.strip()) < len(chunk):
                t.set(_SPACE, "preserve")
            pending.clear()

    for char in text:
        if char == "\t":
            flush()
            etree.SubElement(run, _TAB)
        elif char in "\r\n":
            flush()
            etree.SubElement(run, _BR)
        else:
            pending.append(char)
    flush()


def append_rows(
    table: DocxTable,
    rows: Sequence[Sequence[str]],
    *,
    font_size: Length | None = None,
    cant_split: bool = False,
) -> None:
    """The rows python-docx's `table.add_row()`, `add_run(text)` (with `font.size`) and
    `word_layout.cant_split(row)` make, element for element, built with lxml directly:
    python-docx takes ~1 ms a cell, which made the reg. 84 report of a 60-bid competition
    (3,000 rows) take seconds."""
    tbl = table._tbl
    widths = [col.get(_W) for col in tbl.tblGrid.gridCol_lst]
    size = None if font_size is None else str(round(font_size.pt * 2))  # half-points
    for values in rows:
        tr = etree.SubElement(tbl, _TR)
        if cant_split:
            etree.SubElement(etree.SubElement(tr, _TR_PR), _CANT_SPLIT)
        for width, text in zip(widths, values, strict=True):
            tc = etree.SubElement(tr, _TC)
            if width is not None:
                etree.SubElement(etree.SubElement(tc, _TC_PR), _TC_W, {_TYPE: "dxa", _W: width})
            run = etree.SubElement(etree.SubElement(tc, _P), _R)
            if size is not None:
                etree.SubElement(etree.SubElement(run, _R_PR), _SZ, {_VAL: size})
            _run_content(run, text)


def write_report(report: Report, out: Path) -> Path:
    """`.md` gives Markdown; anything else a Word document. Written atomically."""
    if out.suffix.lower() == ".md":
        return write_atomically(
            out, lambda temp: temp.write_text(to_markdown(report), encoding="utf-8")
        )
    return write_atomically(out, lambda temp: _docx(report, temp))

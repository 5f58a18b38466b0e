"""The reg. 84 report's table rows as WordprocessingML text, spliced into the document as saved.

A 60-bid report has 3,000 rows and 15,000 cells. Made by python-docx they took ~1 ms a cell;
made as lxml elements, then serialised with the document, most of a second. Written here as
the XML text python-docx would have serialised, element for element (tests compare the two),
each table's rows are dropped into the saved document at a marker its table holds: no element
is made for them at all.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.opc.part import Part
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import Table as DocxTable
from lxml import etree

from addin.domain.cells import XML_FORBIDDEN
from addin.letters import word_layout

_BREAKS = re.compile(r"(\t|\r\n|[\r\n])")
_MARKER = "dps-rows "
_MARKERS = re.compile(rb"<!--dps-rows (\d+)-->")


@functools.lru_cache(maxsize=8192)  # about 1,000 distinct texts in 15,000 cells: made once each
def _run_xml(text: str) -> str:
    """As python-docx's `run.text = text`: a tab is <w:tab/>, a line break <w:br/>, the rest
    <w:t> (keeping its spaces when it starts or ends with one), escaped as lxml escapes it."""
    if XML_FORBIDDEN.search(text):  # as lxml refuses it (the report leaves such characters out)
        raise ValueError(
            "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control "
            "characters"
        )
    return "".join(_piece_xml(piece) for piece in _BREAKS.split(text))


def _piece_xml(piece: str) -> str:
    if piece == "\t":
        return "<w:tab/>"
    if piece in ("\r\n", "\r", "\n"):
        return "<w:br/>" * len(piece)
    if not piece:
        return ""
    space = ' xml:space="preserve"' if piece[0].isspace() or piece[-1].isspace() else ""
    return f"<w:t{space}>{escape(piece)}</w:t>"


def _within(tag: str, content: str) -> str:
    return f"<{tag}>{content}</{tag}>" if content else ""


def rows_xml(
    table: DocxTable,
    rows: Sequence[Sequence[str]],
    *,
    font_size: Length | None = None,
    cant_split: bool = False,
    heading: bool = False,
) -> str:
    """The rows python-docx's `table.add_row()` and `add_run(text)` (with `font.size`) make,
    each cell as wide as its column in the table's grid. `cant_split` as
    `word_layout.cant_split(row)`; a `heading` row is also bold, shaded, kept with the next row
    and repeated on every page, as `word_layout` makes it."""
    widths = [col.get(qn("w:w")) for col in table._tbl.tblGrid.gridCol_lst]
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{word_layout.HEADER_FILL}"/>'
    size = "" if font_size is None else f'<w:sz w:val="{round(font_size.pt * 2)}"/>'
    cell_starts = [
        "<w:tc>"
        + _within(
            "w:tcPr",
            (f'<w:tcW w:type="dxa" w:w="{width}"/>' if width is not None else "")
            + (shading if heading else ""),
        )
        + "<w:p>"
        + ("<w:pPr><w:keepNext/></w:pPr>" if heading else "")
        + "<w:r>"
        + _within("w:rPr", ("<w:b/>" if heading else "") + size)
        for width in widths
    ]
    row_props = ("<w:cantSplit/>" if cant_split or heading else "") + (
        "<w:tblHeader/>" if heading else ""
    )
    row_start = "<w:tr>" + _within("w:trPr", row_props)
    xml = []
    for values in rows:
        xml.append(row_start)
        for start, text in zip(cell_starts, values, strict=True):
            xml += (start, _run_xml(text), "</w:r></w:p></w:tc>")
        xml.append("</w:tr>")
    return "".join(xml)


class RowsToSplice:
    """Each table's rows as text, left at a marker in its table until the document is saved."""

    def __init__(self) -> None:
        self._rows: list[bytes] = []

    def mark(self, table: DocxTable, xml: str) -> None:
        table._tbl.append(etree.Comment(f"{_MARKER}{len(self._rows)}"))
        self._rows.append(xml.encode("utf-8"))

    def save(self, doc: DocxDocument, out: Path) -> None:
        """As `doc.save(out)` (python-docx's OpcPackage.save), with every table's rows in place
        in the document part."""
        package = doc.part.package
        parts = list(package.parts)
        for part in parts:
            part.before_marshal()
        blob = _MARKERS.sub(lambda found: self._rows[int(found[1])], doc.part.blob)
        spliced = [_Saved(part, blob) if part is doc.part else part for part in parts]
        PackageWriter.write(str(out), package.rels, spliced)  # type: ignore[no-untyped-call]


class _Saved:
    """A part as PackageWriter writes it (name, content type, relationships), with `blob`."""

    def __init__(self, part: Part, blob: bytes) -> None:
        self.partname, self.content_type, self.rels = part.partname, part.content_type, part.rels
        self.blob = blob

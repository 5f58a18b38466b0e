"""Page and table layout for the Word documents (the letter templates and the reg. 84 report).

python-docx leaves most of print layout to Word's defaults, which break legal documents in the
ways readers notice: US Letter paper, equal-width columns that split words ("Understandi|ng"),
a table's header lost after the first page, a row split across two pages, a sentence left at
the foot of a page while its table starts on the next. Each helper here sets one Word property
explicitly. In a letter template these properties live in the .docx itself, and docxtpl keeps
them: it copies a `{%tr %}` loop's row, properties and all, for every criterion.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Cm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

A4_SHORT_CM, A4_LONG_CM = 21.0, 29.7
# 2.5 cm all round: inside every office printer's printable area, with room for a hole punch.
MARGIN_CM = 2.5
PORTRAIT_TEXT_CM = A4_SHORT_CM - 2 * MARGIN_CM  # 16.0 cm for text and tables
LANDSCAPE_TEXT_CM = A4_LONG_CM - 2 * MARGIN_CM  # 24.7 cm
HEADER_FILL = "D9E2F3"

# Where each row property sits among its siblings (ECMA-376 CT_TrPr sequence): Word refuses a
# document whose row properties are out of order.
_AFTER_CANT_SPLIT = ("w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden")
_AFTER_TBL_HEADER = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")


def a4(section: Section, *, landscape: bool = False) -> None:
    """A4 paper with printable margins, portrait or landscape."""
    short, long = Cm(A4_SHORT_CM), Cm(A4_LONG_CM)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    section.header_distance = section.footer_distance = Cm(1.25)


def _row_flag(row: _Row, tag: str, before: Sequence[str]) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn(tag)) is None:
        tr_pr.insert_element_before(OxmlElement(tag), *before)


def cant_split(row: _Row) -> None:
    """The row stays whole: it moves to the next page rather than break across two."""
    _row_flag(row, "w:cantSplit", _AFTER_CANT_SPLIT)


def repeat_as_header(row: _Row) -> None:
    """The row is repeated at the top of every page the table runs onto."""
    _row_flag(row, "w:tblHeader", _AFTER_TBL_HEADER)


def keep_with_next(paragraph: Paragraph) -> None:
    """The paragraph stays on the same page as the next one (a sentence and its table)."""
    paragraph.paragraph_format.keep_with_next = True


def fixed_widths(table: Table, widths_cm: Sequence[float]) -> None:
    """Each column exactly as wide as given, whatever the text (Word's fixed layout).

    Word lays a fixed table out from its grid and total width, LibreOffice and others from each
    cell's width: all three are set. `autofit = False` writes `w:tblLayout w:type="fixed"`.
    """
    table.autofit = False
    tbl_w = table._tbl.tblPr.find(qn("w:tblW"))
    if tbl_w is not None:
        tbl_w.set(qn("w:type"), "dxa")
        tbl_w.set(qn("w:w"), str(sum(int(Cm(w).twips) for w in widths_cm)))
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def shade(cell: _Cell, fill: str = HEADER_FILL) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _field_run(paragraph: Paragraph, instruction: str, size: Pt | None) -> None:
    """A Word field (PAGE, NUMPAGES) as begin / instruction / separate / result / end runs."""
    parts: list[tuple[str, str | None]] = [
        ("begin", None),
        ("instr", f" {instruction} "),
        ("separate", None),
        ("result", "1"),
        ("end", None),
    ]
    for kind, text in parts:
        run = paragraph.add_run()
        if size is not None:
            run.font.size = size
        element: BaseOxmlElement
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "result":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def page_x_of_y(paragraph: Paragraph, size: Pt | None = None) -> None:
    """'Page 3 of 7', numbered by Word as it lays the document out."""
    paragraph.add_run("Page ").font.size = size
    _field_run(paragraph, "PAGE", size)
    paragraph.add_run(" of ").font.size = size
    _field_run(paragraph, "NUMPAGES", size)


# Character widths at 9 pt, rounded up from DejaVu Sans, the wide font Word or LibreOffice fall
# back to without Arial (Arial is narrower): wide letters, narrow ones, other capitals, the rest.
_WIDE, _NARROW = set("mwMW@%"), set("ijlrtfI.,;:'|!()[]-")
_CHAR_CM = {  # (wide, narrow, capital, other), regular then bold
    False: (0.31, 0.13, 0.23, 0.205),
    True: (0.33, 0.15, 0.25, 0.23),
}
_CELL_MARGINS_CM = 0.4


def _word_cm(word: str, bold: bool) -> float:
    wide, narrow, capital, other = _CHAR_CM[bold]
    return sum(
        wide if c in _WIDE else narrow if c in _NARROW else capital if c.isupper() else other
        for c in word
    )


def longest_word_cm(text: str, *, bold: bool = False) -> float:
    """How wide a column must be for the longest word of `text` to fit on one line."""
    return max((_word_cm(word, bold) for word in text.split()), default=0.0) + _CELL_MARGINS_CM


def fit_widths(
    weights: Sequence[float], minimums: Sequence[float], total_cm: float
) -> tuple[float, ...]:
    """Widths in proportion to `weights`, each raised to its minimum where it can be.

    The extra width comes from the columns with room to spare, in proportion to that room. No
    minimum may claim more than half the page (a 64-character hash cannot fit anyway), and when
    the minimums together exceed the page they are scaled down to it.
    """
    floor = [min(m, total_cm / 2) for m in minimums]
    if sum(floor) > total_cm:
        floor = [m * total_cm / sum(floor) for m in floor]
    widths = [w * total_cm / sum(weights) for w in weights]
    for _ in range(len(widths)):
        short = [i for i, w in enumerate(widths) if w < floor[i] - 1e-9]
        if not short:
            break
        needed = sum(floor[i] - widths[i] for i in short)
        for i in short:
            widths[i] = floor[i]
        room = {i: widths[i] - floor[i] for i in range(len(widths)) if i not in short}
        spare = sum(room.values())
        for i, r in room.items():
            widths[i] -= needed * r / spare if spare else 0
    return tuple(round(w, 2) for w in widths)

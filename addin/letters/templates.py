"""Builds the three outcome-letter templates in Word, by code, so they can be rebuilt and diffed.

The committed letter_templates/*.docx are this builder's output (a test proves it). Officers may
reword them in Word: the tags are plain `{{ field }}` names from LetterContext, one
`{%tr for row in criteria %}` … `{%tr endfor %}` pair of rows per table and `{% if %}` inside
a paragraph. Rebuild with `python -m addin.letters.templates` after changing this file.

What each letter says follows reg. 86 PCR 2015 (criteria, both scores, the winner's name, the
characteristics and relative advantages of the winning bid, a precise standstill end) and the
Procurement Act 2023 assessment summary (every criterion scored and explained, sub-totals).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from addin.letters.context import Outcome
from addin.letters.render import write_atomically

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "letter_templates"

TEMPLATE_FOR_OUTCOME: dict[str, str] = {
    "successful": "successful.docx",
    "unsuccessful": "unsuccessful.docx",
    "not evaluated": "not_evaluated.docx",
    "excluded": "not_evaluated.docx",
}

# A4 with 2.5 cm margins leaves 16 cm for text and tables.
_TEXT_WIDTH_CM = 16.0
_HEADER_FILL = "D9E2F3"

_SCORE_HEADINGS = ("Criterion", "Weight", "Max score", "Your score", "Your points")
_WINNER_HEADINGS = ("Winning score", "Winning points")
_SCORE_CELLS = (
    "{{ row.id }} {{ row.criterion }}",
    "{{ row.weight }}",
    "{{ row.max_score }}",
    "{{ row.your_score }}",
    "{{ row.your_points }}",
)
_WINNER_CELLS = ("{{ row.winner_score }}", "{{ row.winner_points }}")


def template_for(outcome: Outcome, folder: Path = TEMPLATES_DIR) -> Path:
    return folder / TEMPLATE_FOR_OUTCOME[outcome]


# --- building blocks -------------------------------------------------------------------------


def _new_letter(title: str) -> DocxDocument:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    # Fixed properties: no save time or "python-docx" author, and no tags (docxtpl renders them).
    props = doc.core_properties
    props.title, props.author, props.language = title, "CCIN DPS add-in", "en-GB"
    props.comments = "Outcome letter template: edit the wording in Word, keep the field tags."
    props.created = props.modified = datetime(2026, 1, 1)
    props.last_modified_by, props.revision = "CCIN DPS add-in", 1

    header = section.header
    letterhead = header.paragraphs[0]
    letterhead.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(letterhead, "{{ authority }}", bold=True, size=16)
    marking = header.add_paragraph()
    marking.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(marking, "Commercial in confidence – {{ supplier_name }}", size=9)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(footer, "{{ dps_name }} – mini-competition {{ reference }}", size=8)
    return doc


def _run(paragraph: Paragraph, text: str, *, bold: bool = False, size: int | None = None) -> None:
    run = paragraph.add_run(text)
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)


def _para(doc: DocxDocument, text: str = "", *, bold: bool = False) -> None:
    _run(doc.add_paragraph(), text, bold=bold)


def _shade(cell: _Cell) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), _HEADER_FILL)
    cell._tc.get_or_add_tcPr().append(shading)


def _table(doc: DocxDocument, headings: tuple[str, ...], widths: tuple[float, ...]) -> Table:
    """A grid table with a shaded heading row that repeats on every page."""
    table: Table = doc.add_table(rows=1, cols=len(headings))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    # Word lays out a fixed table from its grid, other readers from the cells: set both.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for cell, heading, width in zip(table.rows[0].cells, headings, widths, strict=True):
        cell.width = Cm(width)
        _run(cell.paragraphs[0], heading, bold=True, size=9)
        _shade(cell)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    return table


def _row(
    table: Table, texts: tuple[str, ...], widths: tuple[float, ...], bold: bool = False
) -> None:
    cells = table.add_row().cells  # type: ignore[no-untyped-call]
    for cell, text, width in zip(cells, texts, widths, strict=True):
        cell.width = Cm(width)
        _run(cell.paragraphs[0], text, bold=bold, size=9)


def _loop_rows(table: Table, cells: tuple[str, ...], widths: tuple[float, ...]) -> None:
    """One row per criterion: docxtpl drops the {%tr %} rows and repeats the one between."""
    blank = ("",) * (len(cells) - 1)
    _row(table, ("{%tr for row in criteria %}", *blank), widths)
    _row(table, cells, widths)
    _row(table, ("{%tr endfor %}", *blank), widths)


def _widths(first: float, others: int) -> tuple[float, ...]:
    rest = round((_TEXT_WIDTH_CM - first) / others, 2)
    return (first, *(rest,) * others)


def _scores_table(doc: DocxDocument, with_winner: bool) -> None:
    headings = _SCORE_HEADINGS + (_WINNER_HEADINGS if with_winner else ())
    cells = _SCORE_CELLS + (_WINNER_CELLS if with_winner else ())
    widths = _widths(5.2 if with_winner else 8.4, len(headings) - 1)
    table = _table(doc, headings, widths)
    _loop_rows(table, cells, widths)


def _summary_table(doc: DocxDocument, with_winner: bool) -> None:
    headings = ("", "Your bid", *(("Winning bid",) if with_winner else ()))
    widths = _widths(8.0, len(headings) - 1)
    table = _table(doc, headings, widths)
    rows = (
        ("Quality", "your_quality", "winner_quality"),
        ("Social value", "your_social_value", "winner_social_value"),
        ("Price", "your_price_points", "winner_price_points"),
        ("Total (out of 100)", "total", "winner_total"),
    )
    for label, yours, winners in rows:
        texts = (label, f"{{{{ {yours} }}}}", *((f"{{{{ {winners} }}}}",) if with_winner else ()))
        _row(table, texts, widths, bold=label.startswith("Total"))


def _reasons_table(doc: DocxDocument, with_winner: bool) -> None:
    headings: tuple[str, ...] = ("Criterion", "Why your bid scored as it did")
    cells: tuple[str, ...] = ("{{ row.id }} {{ row.criterion }}", "{{ row.your_reason }}")
    if with_winner:
        headings += ("Characteristics and relative advantages of the winning bid",)
        cells += ("{{ row.winner_reason }}",)
    widths = _widths(4.0, len(headings) - 1)
    table = _table(doc, headings, widths)
    _loop_rows(table, cells, widths)


def _opening(doc: DocxDocument) -> None:
    _para(doc, "Our ref: {{ reference }}")
    _para(doc, "Date: {{ letter_date }}")
    _para(doc, "{{ contact_name }}")
    _para(doc, "{{ supplier_name }}")
    _para(doc, "{{ address }}")
    _para(doc, "Sent by email")
    _para(doc, "Mini-competition {{ reference }}: {{ title }} ({{ lot }}) – outcome", bold=True)
    _para(doc, "Dear {{ contact_name }},")


def _closing(doc: DocxDocument, first: str) -> None:
    _para(doc, first)
    _para(
        doc,
        "You may ask us in writing for further reasons for this decision. Under regulation 55 of "
        "the Public Contracts Regulations 2015 we will reply as quickly as possible and in any "
        "event within {{ reasons_request_days }} days of receiving your request.",
    )
    _para(
        doc,
        "If you have any questions about this letter, please contact {{ officer_name }} at "
        "{{ officer_email }}{% if officer_phone %} or on {{ officer_phone }}{% endif %}.",
    )
    _para(doc, "Yours sincerely,")
    _para(doc)
    _para(doc, "{{ officer_name }}", bold=True)
    _para(doc, "{{ authority }}")


# --- the three letters -----------------------------------------------------------------------


def build_successful() -> DocxDocument:
    doc = _new_letter("Mini-competition outcome – successful")
    _opening(doc)
    _para(
        doc,
        "Thank you for your bid for this mini-competition under {{ lot }} of the {{ dps_name }}.",
    )
    _para(
        doc,
        "I am pleased to tell you that your bid was the most economically advantageous tender. "
        "Congratulations: {{ authority }} intends to award the contract to {{ supplier_name }}. "
        "Your bid scored {{ total }} points out of 100 and ranked {{ rank }} of "
        "{{ ranked_count }}.",
    )
    _para(doc, "Your scores against each award criterion were:")
    _scores_table(doc, with_winner=False)
    _para(doc, "Price was scored by this method: {{ price_method }}.")
    _summary_table(doc, with_winner=False)
    _para(doc, "The reasons for your scores were:")
    _reasons_table(doc, with_winner=False)
    _para(
        doc,
        "This letter is not a contract and is not an acceptance of your bid. "
        "{% if has_standstill %}The award is subject to a voluntary standstill period, which "
        "ends at {{ standstill_end }}. We will not enter into the contract before then, and we "
        "will contact you after it ends to finalise the contract."
        "{% else %}We will contact you shortly to finalise the contract.{% endif %}",
    )
    _para(
        doc,
        "As the DPS requires, we will notify this award to {{ dps_owner }}, which runs the DPS.",
    )
    _closing(doc, "Thank you again for your bid. We look forward to working with you.")
    return doc


_UNSUCCESSFUL_STANDSTILL = (
    "{% if has_standstill %}A voluntary standstill period applies to this decision. It ends at "
    "{{ standstill_end }}, and we will not enter into the contract before then.{% endif %}"
)


def build_unsuccessful() -> DocxDocument:
    doc = _new_letter("Mini-competition outcome – unsuccessful")
    _opening(doc)
    _para(
        doc,
        "Thank you for your bid for this mini-competition under {{ lot }} of the {{ dps_name }}.",
    )
    _para(
        doc,
        "I am sorry to tell you that your bid was not successful. {{ authority }} intends to "
        "award the contract to {{ winner_name }}.",
    )
    _para(
        doc,
        "Your bid scored {{ total }} points out of 100 and ranked {{ rank }} of "
        "{{ ranked_count }}. The winning bid, from {{ winner_name }}, scored {{ winner_total }} "
        "points.",
    )
    _para(
        doc,
        "The award criteria, their weightings, and the scores and points of your bid and of the "
        "winning bid were:",
    )
    _scores_table(doc, with_winner=True)
    _para(doc, "Price was scored by this method: {{ price_method }}.")
    _summary_table(doc, with_winner=True)
    _para(
        doc,
        "The reasons for the scores, with the characteristics and relative advantages of the "
        "winning bid, were:",
    )
    _reasons_table(doc, with_winner=True)
    _closing(doc, _UNSUCCESSFUL_STANDSTILL)
    return doc


def build_not_evaluated() -> DocxDocument:
    """For bids that were late, non-compliant, not received, or excluded after scoring."""
    doc = _new_letter("Mini-competition outcome – bid not evaluated or excluded")
    _opening(doc)
    _para(
        doc,
        "Thank you for your interest in this mini-competition under {{ lot }} of the "
        "{{ dps_name }}. I am writing to tell you the outcome for {{ supplier_name }}.",
    )
    _para(doc, "Your bid could not be considered for award, for this reason:")
    _para(doc, "{{ reason }}", bold=True)
    _para(
        doc,
        "{{ authority }} intends to award the contract to {{ winner_name }}, whose bid scored "
        "{{ winner_total }} points out of 100.",
    )
    # Only an excluded bid was scored; docxtpl drops the two {%p %} paragraphs themselves.
    _para(doc, "{%p if criteria %}")
    _para(
        doc,
        "Your bid was scored before it was excluded. The award criteria, their weightings, and "
        "the scores of your bid and of the winning bid were:",
    )
    _scores_table(doc, with_winner=True)
    _para(doc, "The reasons for the scores, and the advantages of the winning bid, were:")
    _reasons_table(doc, with_winner=True)
    _para(doc, "{%p endif %}")
    _closing(doc, _UNSUCCESSFUL_STANDSTILL)
    return doc


BUILDERS: dict[str, Callable[[], DocxDocument]] = {
    "successful.docx": build_successful,
    "unsuccessful.docx": build_unsuccessful,
    "not_evaluated.docx": build_not_evaluated,
}


def _saver(doc: DocxDocument) -> Callable[[Path], None]:
    return lambda path: doc.save(str(path))


def write_templates(folder: Path = TEMPLATES_DIR) -> list[Path]:
    return [write_atomically(folder / name, _saver(build())) for name, build in BUILDERS.items()]


if __name__ == "__main__":
    for path in write_templates():
        print(path)

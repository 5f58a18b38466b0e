"""The tables of the letter templates: criteria, scores, sub-totals and reasons, each a row of
`{{ row.field }}` tags repeated by docxtpl, with column widths chosen for the longest words."""

from __future__ import annotations

from docx.document import Document as DocxDocument

from addin.letters.template_parts import keep_rows_together, loop_rows, row, table, widths

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


def award_criteria_table(doc: DocxDocument) -> None:
    headings = ("Criterion", "Category", "Weight", "Max score")
    column_widths = (9.3, 2.9, 2.0, 1.8)
    cells = (
        "{{ row.id }} {{ row.criterion }}",
        "{{ row.category }}",
        "{{ row.weight }}",
        "{{ row.max_score }}",
    )
    loop_rows(table(doc, headings, column_widths), "award_criteria", cells, column_widths)


def scores_table(doc: DocxDocument, with_winner: bool) -> None:
    headings = _SCORE_HEADINGS + (_WINNER_HEADINGS if with_winner else ())
    cells = _SCORE_CELLS + (_WINNER_CELLS if with_winner else ())
    # Wide enough for "£1,250,000" and "Winning" without breaking a word, in Arial or in the
    # wider fonts a reader without Arial falls back to.
    column_widths = (
        (3.5, 1.8, 1.6, 2.4, 1.8, 2.45, 2.45) if with_winner else (8.1, 1.8, 1.6, 2.5, 2.0)
    )
    loop_rows(table(doc, headings, column_widths), "criteria", cells, column_widths)


def summary_table(doc: DocxDocument, with_winner: bool) -> None:
    headings = ("", "Your bid", *(("Winning bid",) if with_winner else ()))
    column_widths = widths(8.0, len(headings) - 1)
    added = table(doc, headings, column_widths)
    lines = (
        ("Quality", "your_quality", "winner_quality"),
        ("Social value", "your_social_value", "winner_social_value"),
        ("Price", "your_price_points", "winner_price_points"),
        ("Total (out of 100)", "total", "winner_total"),
    )
    for label, yours, winners in lines:
        texts = (label, f"{{{{ {yours} }}}}", *((f"{{{{ {winners} }}}}",) if with_winner else ()))
        row(added, texts, column_widths, bold=label.startswith("Total"))
    keep_rows_together(added)  # five short rows: never split over two pages


def reasons_table(doc: DocxDocument, with_winner: bool) -> None:
    headings: tuple[str, ...] = ("Criterion", "Why your bid scored as it did")
    cells: tuple[str, ...] = ("{{ row.id }} {{ row.criterion }}", "{{ row.your_reason }}")
    if with_winner:
        headings += ("The winning bid's characteristics and relative advantages",)
        cells += ("{{ row.winner_reason }}",)
    column_widths = widths(4.0, len(headings) - 1)
    loop_rows(table(doc, headings, column_widths), "criteria", cells, column_widths)

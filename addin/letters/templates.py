"""Builds the letter templates in Word, by code, so they can be rebuilt and diffed.

The committed letter_templates/*.docx are this builder's output (a test proves it). Officers may
reword them in Word: the tags are plain `{{ field }}` names from LetterContext (or, in the
abandonment letter, AbandonmentContext), one `{%tr for row in … %}` … `{%tr endfor %}` pair of
rows per table and `{% if %}` inside a paragraph. Rebuild with `python -m addin.letters.templates`
after changing this file.

What each outcome letter says follows reg. 86 PCR 2015 (the award criteria restated, both scores,
the winner's name, the characteristics and relative advantages of the winning bid, a precise
standstill end) and the Procurement Act 2023 assessment summary (every criterion scored and
explained, sub-totals). The abandonment letter gives the decision not to award and its reason
(reg. 55(1)).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docx.document import Document as DocxDocument

from addin.letters import word_layout
from addin.letters.context import AbandonmentContext, LetterContext, LetterHead, Outcome
from addin.letters.render import write_atomically
from addin.letters.template_parts import (
    keep_rows_together,
    loop_rows,
    new_letter,
    para,
    row,
    table,
    widths,
)

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "letter_templates"

TEMPLATE_FOR_OUTCOME: dict[str, str] = {
    "successful": "successful.docx",
    "unsuccessful": "unsuccessful.docx",
    "not evaluated": "not_evaluated.docx",
    "rejected": "not_evaluated.docx",
}
ABANDONED = "abandoned.docx"
# Which context fills each template: the template lint checks tags against it.
CONTEXT_FOR_TEMPLATE: dict[str, type[LetterHead]] = {
    "successful.docx": LetterContext,
    "unsuccessful.docx": LetterContext,
    "not_evaluated.docx": LetterContext,
    ABANDONED: AbandonmentContext,
}

_PRICE_METHOD = "Price was scored by this method: {{ price_method }}."
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


# --- the tables ------------------------------------------------------------------------------


def _award_criteria_table(doc: DocxDocument) -> None:
    headings = ("Criterion", "Category", "Weight", "Max score")
    column_widths = (9.3, 2.9, 2.0, 1.8)
    cells = (
        "{{ row.id }} {{ row.criterion }}",
        "{{ row.category }}",
        "{{ row.weight }}",
        "{{ row.max_score }}",
    )
    loop_rows(table(doc, headings, column_widths), "award_criteria", cells, column_widths)


def _scores_table(doc: DocxDocument, with_winner: bool) -> None:
    headings = _SCORE_HEADINGS + (_WINNER_HEADINGS if with_winner else ())
    cells = _SCORE_CELLS + (_WINNER_CELLS if with_winner else ())
    # Wide enough for "£1,250,000" and "Winning" without breaking a word, in Arial or in the
    # wider fonts a reader without Arial falls back to.
    column_widths = (
        (3.5, 1.8, 1.6, 2.4, 1.8, 2.45, 2.45) if with_winner else (8.1, 1.8, 1.6, 2.5, 2.0)
    )
    loop_rows(table(doc, headings, column_widths), "criteria", cells, column_widths)


def _summary_table(doc: DocxDocument, with_winner: bool) -> None:
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


def _reasons_table(doc: DocxDocument, with_winner: bool) -> None:
    headings: tuple[str, ...] = ("Criterion", "Why your bid scored as it did")
    cells: tuple[str, ...] = ("{{ row.id }} {{ row.criterion }}", "{{ row.your_reason }}")
    if with_winner:
        headings += ("The winning bid's characteristics and relative advantages",)
        cells += ("{{ row.winner_reason }}",)
    column_widths = widths(4.0, len(headings) - 1)
    loop_rows(table(doc, headings, column_widths), "criteria", cells, column_widths)


# --- opening and closing ---------------------------------------------------------------------


def _opening(doc: DocxDocument, subject: str = "outcome") -> None:
    para(doc, "Our ref: {{ reference }}")
    para(doc, "Date: {{ letter_date }}")
    para(doc, "{{ contact_name }}")
    para(doc, "{{ supplier_name }}")
    para(doc, "{{ address }}")
    para(doc, "Sent by email")
    para(
        doc,
        f"Mini-competition {{{{ reference }}}}: {{{{ title }}}} ({{{{ lot }}}}) – {subject}",
        bold=True,
    )
    para(doc, "Dear {{ contact_name }},")


def _closing(doc: DocxDocument, first: str, *, after_table: bool = False) -> None:
    para(doc, first, after_table=after_table)
    para(
        doc,
        "You may ask us in writing for further reasons for this decision. Under regulation 55 of "
        "the Public Contracts Regulations 2015 we will reply as quickly as possible and in any "
        "event within {{ reasons_request_days }} days of receiving your request.",
    )
    para(
        doc,
        "If you have any questions about this letter, please contact {{ officer_name }} at "
        "{{ officer_email }}{% if officer_phone %} or on {{ officer_phone }}{% endif %}.",
    )
    # The sign-off stays together: never a signature alone at the top of a page.
    for text in ("Yours sincerely,", ""):
        word_layout.keep_with_next(para(doc, text))
    word_layout.keep_with_next(para(doc, "{{ officer_name }}", bold=True))
    para(doc, "{{ authority }}")


_STANDSTILL = (
    "{% if has_standstill %}This letter gives notice of {{ authority }}'s decision; the "
    "contract has not been entered into. A voluntary standstill period applies: it ends at "
    "{{ standstill_end }}, and we will not enter into the contract before then.{% endif %}"
)


def _scores_and_reasons(
    doc: DocxDocument, scores_intro: str, reasons_intro: str, *, after_table: bool = False
) -> None:
    para(doc, scores_intro, introduces_table=True, after_table=after_table)
    _scores_table(doc, with_winner=True)
    para(doc, _PRICE_METHOD, introduces_table=True, after_table=True)
    _summary_table(doc, with_winner=True)
    para(doc, reasons_intro, introduces_table=True, after_table=True)
    _reasons_table(doc, with_winner=True)


_REASONS_INTRO = (
    "The reasons for the scores follow. Where the winning bid scored higher than yours, the "
    "last column gives its characteristics and relative advantages:"
)


# --- the letters -----------------------------------------------------------------------------


def build_successful() -> DocxDocument:
    doc = new_letter("Mini-competition outcome – successful")
    _opening(doc)
    para(
        doc,
        "Thank you for your bid for this mini-competition under {{ lot }} of the {{ dps_name }}.",
    )
    para(
        doc,
        "I am pleased to tell you that your bid was the most economically advantageous tender. "
        "Congratulations: {{ authority }} intends to award the contract to {{ supplier_name }}. "
        "Your bid scored {{ total }} points out of 100 and ranked {{ rank }} of "
        "{{ ranked_count }}.",
    )
    para(doc, "The award criteria, their weightings and your scores were:", introduces_table=True)
    _scores_table(doc, with_winner=False)
    para(doc, _PRICE_METHOD, introduces_table=True, after_table=True)
    _summary_table(doc, with_winner=False)
    para(doc, "The reasons for your scores were:", introduces_table=True, after_table=True)
    _reasons_table(doc, with_winner=False)
    para(
        doc,
        "This letter is not a contract and is not an acceptance of your bid. "
        "{% if has_standstill %}The award is subject to a voluntary standstill period, which "
        "ends at {{ standstill_end }}. We will not enter into the contract before then, and we "
        "will contact you after it ends to finalise the contract."
        "{% else %}We will contact you shortly to finalise the contract.{% endif %}",
        after_table=True,
    )
    para(
        doc,
        "As the DPS requires, we will notify this award to {{ dps_owner }}, which runs the DPS.",
    )
    _closing(doc, "Thank you again for your bid. We look forward to working with you.")
    return doc


def build_unsuccessful() -> DocxDocument:
    doc = new_letter("Mini-competition outcome – unsuccessful")
    _opening(doc)
    para(
        doc,
        "Thank you for your bid for this mini-competition under {{ lot }} of the {{ dps_name }}.",
    )
    para(
        doc,
        "I am sorry to tell you that your bid was not successful. {{ authority }} intends to "
        "award the contract to {{ winner_name }}.",
    )
    para(
        doc,
        "Your bid scored {{ total }} points out of 100 and ranked {{ rank }} of "
        "{{ ranked_count }}. The winning bid, from {{ winner_name }}, scored {{ winner_total }} "
        "points.",
    )
    _scores_and_reasons(
        doc,
        "The award criteria, their weightings, and the scores and points of your bid and of the "
        "winning bid were:",
        _REASONS_INTRO,
    )
    _closing(doc, _STANDSTILL, after_table=True)
    return doc


def build_not_evaluated() -> DocxDocument:
    """For bids that were late or non-compliant (not evaluated), or rejected after scoring."""
    doc = new_letter("Mini-competition outcome – bid not evaluated or rejected")
    _opening(doc)
    para(
        doc,
        "Thank you for your bid for this mini-competition under {{ lot }} of the {{ dps_name }}. "
        "I am writing to tell you the outcome for {{ supplier_name }}.",
    )
    para(
        doc,
        '{% if outcome == "rejected" %}Your bid was rejected, for this reason:'
        "{% else %}Your bid was not evaluated, for this reason:{% endif %}",
        introduces_table=True,
    )
    para(doc, "{{ reason }}", bold=True)
    para(
        doc,
        "{{ authority }} intends to award the contract to {{ winner_name }}, whose bid scored "
        "{{ winner_total }} points out of 100.",
    )
    para(
        doc,
        "The award criteria and their weightings, as published in the invitation, were:",
        introduces_table=True,
    )
    _award_criteria_table(doc)
    # Only a rejected bid was scored; docxtpl drops the two {%p %} paragraphs themselves.
    para(doc, "{%p if criteria %}")
    _scores_and_reasons(
        doc,
        "Your bid was scored before it was rejected. Its scores and points, beside the winning "
        "bid's, were:",
        _REASONS_INTRO,
        after_table=True,
    )
    para(doc, "{%p endif %}")
    _closing(doc, _STANDSTILL, after_table=True)
    return doc


def build_abandoned() -> DocxDocument:
    """To every supplier told of the decision not to award (reg. 55(1) and 84(1)(g))."""
    doc = new_letter("Mini-competition abandoned")
    _opening(doc, subject="competition abandoned")
    para(
        doc,
        "Thank you for {% if bid_received %}your bid for{% else %}your interest in{% endif %} "
        "this mini-competition under {{ lot }} of the {{ dps_name }}.",
    )
    para(
        doc,
        "I am writing to tell you that on {{ abandoned_on }} {{ authority }} decided not to "
        "award a contract in this mini-competition, and has abandoned it, for this reason:",
        introduces_table=True,
    )
    para(doc, "{{ reason }}", bold=True)
    para(
        doc,
        "No contract will be awarded in this mini-competition. "
        "{% if bid_received %}We will keep your bid confidential.{% else %}The invitation to "
        "bid is withdrawn: please do not send a bid.{% endif %}",
    )
    para(
        doc,
        "If {{ authority }} still needs these services, it may run a new mini-competition under "
        "the DPS, open to every eligible supplier on the lot.",
    )
    _closing(doc, "Thank you for your time and interest.")
    return doc


BUILDERS: dict[str, Callable[[], DocxDocument]] = {
    "successful.docx": build_successful,
    "unsuccessful.docx": build_unsuccessful,
    "not_evaluated.docx": build_not_evaluated,
    ABANDONED: build_abandoned,
}


def _saver(doc: DocxDocument) -> Callable[[Path], None]:
    return lambda path: doc.save(str(path))


def write_templates(folder: Path = TEMPLATES_DIR) -> list[Path]:
    return [write_atomically(folder / name, _saver(build())) for name, build in BUILDERS.items()]


if __name__ == "__main__":
    for path in write_templates():
        print(path)

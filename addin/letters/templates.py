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
from addin.letters.template_parts import new_letter, para
from addin.letters.template_tables import (
    award_criteria_table,
    reasons_table,
    scores_table,
    summary_table,
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


def template_for(outcome: Outcome, folder: Path = TEMPLATES_DIR) -> Path:
    return folder / TEMPLATE_FOR_OUTCOME[outcome]


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
    last = para(
        doc,
        "If you have any questions about this letter, please contact {{ officer_name }} at "
        "{{ officer_email }}{% if officer_phone %} or on {{ officer_phone }}{% endif %}.",
    )
    # The sign-off stays together and with the letter's last sentence: never a signature alone
    # at the top of a page.
    word_layout.keep_with_next(last)
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
    scores_table(doc, with_winner=True)
    para(doc, _PRICE_METHOD, introduces_table=True, after_table=True)
    summary_table(doc, with_winner=True)
    para(doc, reasons_intro, introduces_table=True, after_table=True)
    reasons_table(doc, with_winner=True)


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
    scores_table(doc, with_winner=False)
    para(doc, _PRICE_METHOD, introduces_table=True, after_table=True)
    summary_table(doc, with_winner=False)
    para(doc, "The reasons for your scores were:", introduces_table=True, after_table=True)
    reasons_table(doc, with_winner=False)
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
    award_criteria_table(doc)
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

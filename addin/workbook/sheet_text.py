"""Headings and hints of the sheets the add-in generates, shared by the file and live adapters."""

from __future__ import annotations

from addin.domain import schema
from addin.domain.tabulate import SPREAD_TO_HIGHLIGHT

LOCK = (
    "Launch lock: the values bidders were told they would be judged on",
    "Written by the add-in at launch. Do not edit: any change is detected.",
)
SEAL = (
    "Result seal: everything the scored result depends on",
    "Written by the add-in when it scores. Do not edit: a change to a bid, mark or moderation "
    "after scoring is detected.",
)
AWARD = (
    "Award: the call-off contract as concluded",
    "Written by the add-in (dps award) after the standstill ended. Reported to the DPS owner.",
)
PUBLICATION = (
    "Publication: what the council must publish, and by when",
    "Written by the add-in (dps award). Type the date and reference of each notice once "
    "published; dps validate warns 7 days before a due date and errors once it has passed.",
)
RECORDS = {
    schema.LOCK.name: LOCK,
    schema.SEAL.name: SEAL,
    schema.AWARD.name: AWARD,
    schema.PUBLICATION.name: PUBLICATION,
}
MODERATION = (
    "Moderation: agree one score per bid and question, and record why",
    f"Rows highlighted differ by {SPREAD_TO_HIGHLIGHT} or more points. A Moderated score "
    "overrides the evaluators' scores; leave it blank where they agree.",
)
RESULTS = (
    schema.RESULTS.sheet,
    "Written by the add-in (dps score). Points are stored unrounded; shown to 2 dp.",
)
BREAKDOWN_HEADING = "Breakdown by criterion"
EVALUATOR_HINT = (
    "Declare any conflict of interest first. Score each bid independently; give reasons."
)


def evaluator_heading(name: str) -> str:
    return f"Evaluation by {name}"

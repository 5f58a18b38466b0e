"""The reg. 84 report's sections on the decisions around the evaluation, one per topic.

Each takes the typed data `report_decisions.decisions_on_record` gathers, and says so in words
when there is nothing to record, so a reader can tell "nothing happened" from "left out".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time

from addin.domain.evaluation import show_money
from addin.domain.models import Clarification, PreAwardCheck
from addin.domain.report_blocks import Report
from addin.domain.report_decisions import (
    NOT_RECORDED,
    ON_THEIR_TAB,
    Declaration,
    LateBidDecision,
    LowPriceDecision,
    TieBreak,
)
from addin.domain.uk_time import long_date, long_moment


def _moment(value: datetime | None) -> str:
    """A date typed with no time of day is written as a date, not as "00:00 UK time on"."""
    if value is None:
        return ""
    return long_date(value.date()) if value.time() == time() else long_moment(value)


def declarations_section(report: Report, declarations: Sequence[Declaration]) -> None:
    report.heading("Declarations of interest and measures taken (regs 24 and 41)")
    if not declarations:
        report.say("No declaration is recorded.")
        return
    if any(d.role == ON_THEIR_TAB for d in declarations):
        report.say(
            "The Declarations sheet's rows come first, then each evaluator's declaration on "
            "their evaluation tab, made when scoring. An evaluator who declared a conflict on "
            "their tab was excluded from scoring; the measures taken are those recorded for "
            "them on the Declarations sheet."
        )
    answers = {True: "Yes", False: "No", None: "Not declared"}
    report.table(
        (
            "Name",
            "Role",
            "Conflict or prior involvement",
            "Details",
            "Measures taken",
            "Declared on",
        ),
        [
            (
                d.name,
                d.role,
                answers[d.conflict],
                d.details,
                d.measures,
                long_date(d.declared_on) if d.declared_on else "",
            )
            for d in declarations
        ],
        widths=(2.8, 2.6, 2.2, 3.4, 3.6, 2.4),
    )


def clarifications_section(report: Report, clarifications: Sequence[Clarification]) -> None:
    report.heading("Clarifications")
    if not clarifications:
        report.say("No clarification questions were asked.")
        return
    report.table(
        ("Received on", "Question", "Answer", "Published to all bidders on"),
        [
            (
                long_date(c.received_on) if c.received_on else "",
                c.question,
                c.answer,
                _moment(c.published_on) or "Not published",
            )
            for c in clarifications
        ],
        widths=(2.6, 5, 5.6, 2.8),
    )


def late_bids_section(report: Report, decisions: Sequence[LateBidDecision]) -> None:
    report.heading("Late bids")
    if not decisions:
        report.say("No bid arrived after the closing time.")
        return
    report.table(
        ("Supplier", "Received at", "Decision", "Reasons"),
        [(d.supplier, _moment(d.received_at), _late_decision(d), d.reasons) for d in decisions],
        widths=(3.6, 3.2, 3.8, 5.4),
    )


def _late_decision(d: LateBidDecision) -> str:
    if not d.accepted:
        return "Rejected"
    when = f" at {long_moment(d.decided_at)}" if d.decided_at else ""
    by = f" by {d.decided_by}" if d.decided_by else ""
    return f"Accepted: recorded{by}{when}"


def low_prices_section(report: Report, decisions: Sequence[LowPriceDecision]) -> None:
    report.heading("Abnormally low prices (reg. 69)")
    if not decisions:
        report.say(
            "No evaluated price was more than 20 % below the mean of the other evaluated prices."
        )
        return
    report.table(
        ("Supplier", "Price", "Why it was queried", "Explanation asked on", "Decision", "Reasons"),
        [
            (
                d.supplier,
                show_money(d.price) if d.price is not None else "",
                d.why_queried,
                long_date(d.explanation_requested_on) if d.explanation_requested_on else "",
                d.decision,
                d.reasons,
            )
            for d in decisions
        ],
        widths=(3, 1.9, 3.6, 2.5, 2, 3),
    )
    if any(NOT_RECORDED in (d.decision, d.reasons) for d in decisions):
        report.say(
            "Regulation 69 requires the bidder to be asked to explain an abnormally low price "
            "before any rejection: where the record above is incomplete, record on the Bids "
            "sheet the date the explanation was asked for, the decision and its reasons."
        )


def tie_break_section(report: Report, tie: TieBreak) -> None:
    report.heading("Tie-break")
    report.say(
        f"The tie-break rule, published before launch and locked with the criteria: {tie.rule}."
    )
    decision = tie.decision
    if decision is not None and tie.decision_used:
        report.say(
            f"The bids tied for first place. At {long_moment(decision.when)} {decision.who} "
            f"recorded the panel's decision for {tie.chosen}: {decision.reason}."
        )
    elif decision is not None:
        report.say(
            f"A tie-break decision for {tie.chosen} was recorded at {long_moment(decision.when)} "
            f"by {decision.who}, but the final scores have no tie for first place, so it was "
            "not used."
        )
    elif tie.settled_by_rule:
        report.say(
            f"The highest totals were equal; the published rule settled it: {tie.settled_by_rule}."
        )
    else:
        report.say("There was no tie for first place, so no tie-break decision was needed.")


def pre_award_section(
    report: Report, checks: Sequence[PreAwardCheck], *, abandoned: bool = False
) -> None:
    report.heading("Pre-award checks on the successful bidder")
    confirmed = [c for c in checks if c.confirmed_on and c.confirmed_by]
    if abandoned and not confirmed:
        report.say("None: the competition was abandoned before the checks were made.")
        return
    if not checks:
        report.say("No pre-award check is recorded.")
        return
    report.table(
        ("Check", "Confirmed on", "Confirmed by", "Notes"),
        [
            (
                c.check,
                long_date(c.confirmed_on) if c.confirmed_on else "Not yet confirmed",
                c.confirmed_by,
                c.notes,
            )
            for c in checks
        ],
        widths=(5.4, 2.6, 2.6, 5.4),
    )
    if len(confirmed) < len(checks) and not abandoned:
        report.say(
            "Not every check is confirmed yet: the outcome letters wait until each has the date "
            "it was confirmed and by whom."
        )

"""Evaluators' marks: every score checked, then one used score per bid and criterion.

Evaluators score alone, then agree one score per question and record why. Courts have set
aside awards the authority could not explain, so a score without a rationale is an error.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from addin.domain.evaluation import (
    Evaluator,
    Mark,
    Moderation,
    bidder,
    check_conflicts,
    criterion_label,
    key,
    show_number,
)
from addin.domain.models import Bid, Criterion, ModerationMethod
from addin.domain.outcomes import NO_SCORE, ScoreSource, UsedScore
from addin.domain.problems import FieldRef, Problem, error
from addin.domain.schema import MODERATED_SCORE, MODERATION, MODERATION_RATIONALE, RATIONALE, SCORE

Pair = tuple[str, str]  # (supplier ID key, criterion ID key)
Row = TypeVar("Row", Mark, Moderation)

RATIONALE_SEPARATOR = "\n"
_Given = tuple[Evaluator, Mark]


@dataclass(frozen=True)
class _Task:
    bid: Bid
    criterion: Criterion
    # Worked out once: every evaluator's marks and the moderation are matched on it.
    pair: Pair

    @property
    def what(self) -> str:
        return f"{bidder(self.bid)} on {criterion_label(self.criterion)}"


class _Keys(dict[str, str]):
    """`key` of each ID, worked out once: seven tabs of 6,000 marks name the same few hundred
    suppliers and criteria, and equal keys are then one string whose hash is kept."""

    def __missing__(self, text: str) -> str:
        self[text] = found = key(text)
        return found


def scored_criteria(criteria: Iterable[Criterion]) -> list[Criterion]:
    """Quality and Social Value: the criteria evaluators score (Price is scored by formula)."""
    return [c for c in criteria if not c.is_price]


def used_scores(
    bids: Sequence[Bid],
    criteria: Sequence[Criterion],
    evaluators: Sequence[Evaluator],
    moderation: Sequence[Moderation],
    method: ModerationMethod,
) -> tuple[dict[Pair, UsedScore], list[Problem]]:
    """The score used for every evaluated bid × scored criterion, and every problem found."""
    keys = _Keys()
    scored = scored_criteria(criteria)
    tasks = [_Task(b, c, (keys[b.supplier_id], keys[c.id])) for b in bids for c in scored]
    problems = check_conflicts(evaluators)
    panel = [e for e in evaluators if e.conflict is not True]
    if tasks and not panel:
        problems.append(_no_evaluators())
    given: dict[Pair, list[_Given]] = defaultdict(list)
    incomplete: set[Pair] = set()
    for evaluator in panel:
        problems += _read_marks(evaluator, _group(evaluator.marks, keys), tasks, given, incomplete)
    agreed, moderation_problems = _moderated(_group(moderation, keys), tasks)
    problems += moderation_problems
    used: dict[Pair, UsedScore] = {}
    for task in tasks:
        pair = task.pair
        if pair in agreed:
            used[pair] = agreed[pair]
        elif pair in incomplete or not panel:
            used[pair] = NO_SCORE
        else:
            used[pair], settle_problems = _settle(task, given[pair], method)
            problems += settle_problems
    return used, problems


def _no_evaluators() -> Problem:
    return error(
        "NO_EVALUATORS",
        "No evaluator without a conflict of interest has scored the bids: create the evaluator "
        "tabs and have every evaluator score every evaluated bid.",
    )


def _group(rows: Iterable[Row], keys: _Keys) -> dict[Pair, list[Row]]:
    grouped: dict[Pair, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[keys[row.supplier_id], keys[row.criterion_id]].append(row)
    return grouped


def _fault(score: Decimal | None, raw: str, criterion: Criterion) -> str | None:
    """Why a score cannot be used: MISSING, NOT_A_NUMBER or OUT_OF_RANGE; None when usable."""
    if score is None:
        return "NOT_A_NUMBER" if raw.strip() else "MISSING"
    top = criterion.max_score
    if score < 0 or (top is not None and score > top):
        return "OUT_OF_RANGE"
    return None


def _scale(criterion: Criterion) -> str:
    return f"0 to {criterion.max_score}" if criterion.max_score is not None else "0 or more"


def _read_marks(
    ev: Evaluator,
    by_pair: dict[Pair, list[Mark]],
    tasks: list[_Task],
    given: dict[Pair, list[_Given]],
    incomplete: set[Pair],
) -> list[Problem]:
    """Checks one evaluator's tab (`by_pair`, their marks), adding their usable marks to `given`."""
    problems = []
    for task in tasks:
        pair = task.pair
        rows = by_pair.get(pair, [])
        if not rows:
            incomplete.add(pair)
            problems.append(
                error(
                    "SCORE_MISSING",
                    f"{ev.name} has not scored {task.what}: their tab has no row for it. Add "
                    "the row (or re-create the evaluator tabs) and enter a score from "
                    f"{_scale(task.criterion)}, with the reason.",
                    FieldRef(table=ev.table, row=0, column=SCORE),
                )
            )
            continue
        if len(rows) > 1:
            problems.append(_duplicate_marks(ev, task, rows))
        mark = rows[0]
        fault = _fault(mark.score, mark.raw_score, task.criterion)
        if fault is None:
            given[pair].append((ev, mark))
            if not mark.rationale.strip():
                problems.append(_rationale_missing(ev, mark, task))
        else:
            incomplete.add(pair)
            problems.append(_unusable_mark(ev, mark, task, fault))
    return problems


def _duplicate_marks(ev: Evaluator, task: _Task, rows: list[Mark]) -> Problem:
    return error(
        "MARK_DUPLICATE",
        f"{ev.name}'s tab has {len(rows)} rows for {task.what}: delete all but one (the first "
        "is used).",
        *(FieldRef(table=ev.table, row=m.row, column=SCORE) for m in rows),
    )


def _unusable_mark(ev: Evaluator, mark: Mark, task: _Task, fault: str) -> Problem:
    """SCORE_MISSING, SCORE_NOT_A_NUMBER or SCORE_OUT_OF_RANGE (`fault`) at the mark's cell."""
    scale = _scale(task.criterion)
    if fault == "MISSING":
        message = (
            f"{ev.name} has not scored {task.what}: enter a score from {scale}, with the reason."
        )
    elif fault == "OUT_OF_RANGE" and mark.score is not None:
        message = (
            f"{ev.name} scored {task.what} {show_number(mark.score)}, outside the scale "
            f"{scale}: enter a score within it."
        )
    else:
        message = (
            f'{ev.name}\'s score for {task.what} is "{mark.raw_score}", which is not a number: '
            f"enter a number from {scale}."
        )
    return error(f"SCORE_{fault}", message, FieldRef(table=ev.table, row=mark.row, column=SCORE))


def _rationale_missing(ev: Evaluator, mark: Mark, task: _Task) -> Problem:
    return error(
        "RATIONALE_MISSING",
        f"{ev.name} scored {task.what} without a rationale: write why the bid earned "
        "that score, against the criterion's guidance. Every score must be explained.",
        FieldRef(table=ev.table, row=mark.row, column=RATIONALE),
    )


def _moderated(
    by_pair: dict[Pair, list[Moderation]], tasks: list[_Task]
) -> tuple[dict[Pair, UsedScore], list[Problem]]:
    """Moderated scores entered for evaluated bids (`by_pair`, the Moderation table's rows);
    an unusable one leaves no score."""
    agreed: dict[Pair, UsedScore] = {}
    problems = []
    for task in tasks:
        rows = [m for m in by_pair.get(task.pair, []) if m.score is not None or m.raw_score.strip()]
        if not rows:
            continue
        if len(rows) > 1:
            problems.append(
                error(
                    "MODERATION_DUPLICATE",
                    f"The Moderation table has {len(rows)} scores for {task.what}: keep one "
                    "(the first is used).",
                    *(
                        FieldRef(table=MODERATION.name, row=m.row, column=MODERATED_SCORE)
                        for m in rows
                    ),
                )
            )
        row_problems = _check_moderation(rows[0], task)
        problems += row_problems
        usable = not any(p.code.startswith("MODERATION_SCORE") for p in row_problems)
        score = rows[0].score
        agreed[task.pair] = (
            UsedScore(Fraction(score), ScoreSource.MODERATED, rows[0].rationale.strip())
            if usable and score is not None
            else NO_SCORE
        )
    return agreed, problems


def _check_moderation(row: Moderation, task: _Task) -> list[Problem]:
    scale = _scale(task.criterion)
    fault = _fault(row.score, row.raw_score, task.criterion)
    if fault == "NOT_A_NUMBER":
        message = (
            f'The moderated score for {task.what} is "{row.raw_score}", which is not a number: '
            f"enter the agreed score from {scale}."
        )
    elif fault == "OUT_OF_RANGE" and row.score is not None:
        message = (
            f"The moderated score for {task.what} is {show_number(row.score)}, outside the "
            f"scale {scale}: enter the agreed score within it."
        )
    elif not row.rationale.strip():
        return [
            error(
                "MODERATION_RATIONALE_MISSING",
                f"The moderated score for {task.what} has no rationale: record why the "
                "evaluators agreed it. The report and the bidder's letter quote it.",
                FieldRef(table=MODERATION.name, row=row.row, column=MODERATION_RATIONALE),
            )
        ]
    else:
        return []
    where = FieldRef(table=MODERATION.name, row=row.row, column=MODERATED_SCORE)
    return [error(f"MODERATION_SCORE_{fault}", message, where)]


def _settle(
    task: _Task, given: list[_Given], method: ModerationMethod
) -> tuple[UsedScore, list[Problem]]:
    """Unanimous scores stand; otherwise the average, or a moderation the officer must record."""
    typed = [m.score for _, m in given if m.score is not None]
    stated = [m.rationale.strip() for _, m in given]
    # Identical wording from two evaluators is quoted once.
    rationale = RATIONALE_SEPARATOR.join(dict.fromkeys(r for r in stated if r))
    # Decimals compare and hash by value (4 == 4.0), as Fractions do: one Fraction is made for
    # the usual unanimous score, not one per evaluator.
    if len(set(typed)) == 1:
        return UsedScore(Fraction(typed[0]), ScoreSource.UNANIMOUS, rationale), []
    scores = [Fraction(s) for s in typed]
    if method is ModerationMethod.AVERAGE:
        return UsedScore(sum(scores, Fraction(0)) / len(scores), ScoreSource.AVERAGE, rationale), []
    shown = ", ".join(
        f"{ev.name} {show_number(s)}" for (ev, _), s in zip(given, scores, strict=True)
    )
    return NO_SCORE, [
        error(
            "NEEDS_MODERATION",
            f"The evaluators scored {task.what} differently ({shown}). Meet, agree one score "
            "and enter it with the reason in the Moderation table.",
            *(FieldRef(table=ev.table, row=m.row, column=SCORE) for ev, m in given),
        )
    ]

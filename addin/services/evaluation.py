"""Evaluator tabs, moderation and scoring: after the closing date, on an untampered workbook."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from addin.domain.decisions import TIE_BREAK_ACTION, decision_details
from addin.domain.evaluation import Evaluator, Moderation, check_bids, evaluable_bids, show_points
from addin.domain.evaluation_input import Task
from addin.domain.marks import scored_criteria
from addin.domain.models import CompetitionFile, Status
from addin.domain.outcomes import EvaluationResult
from addin.domain.problems import Problem, Severity
from addin.domain.schema import eval_number
from addin.domain.scoring import evaluate
from addin.domain.seal import results_fingerprint, seal
from addin.domain.tabulate import breakdown_rows, moderation_rows, results_rows
from addin.errors import ActionRefused, ProblemsFound
from addin.services.integrity import (
    SCORED_ACTION,
    current_seal_values,
    recorded_tie_break,
    require_status,
    require_untampered,
)
from addin.services.loading import LoadedCompetition
from addin.services.ports import CompetitionWorkbook
from addin.services.unit_of_work import UnitOfWork, unit_of_work

__all__ = ["TIE_BREAK_ACTION", "create_evaluator_tabs", "moderate", "recorded_tie_break", "score"]


def tasks_for(file: CompetitionFile) -> list[Task]:
    """One row per evaluated bid × Quality or Social Value criterion."""
    names = {m.supplier_id.casefold(): m.name for m in file.members}
    return [
        Task(
            supplier_id=bid.supplier_id,
            supplier_name=names.get(bid.supplier_id.casefold(), bid.supplier_name),
            criterion_id=c.id,
            criterion=c.text,
            max_score=c.max_score or 0,
        )
        for bid in evaluable_bids(file)
        for c in scored_criteria(file.criteria)
    ]


@contextmanager
def _started(
    action: str, workbook: CompetitionWorkbook, officer: str | None, now: datetime
) -> Iterator[tuple[UnitOfWork, str]]:
    """Checks status and integrity; yields the unit of work and who acts (default: the officer)."""
    with unit_of_work(workbook, action, now) as work:
        require_status(action, work.loaded, now)
        require_untampered(work.loaded)
        c = work.loaded.file.competition
        who = officer or c.officer_name or "unknown officer"
        if c.status is Status.LAUNCHED and c.closing_date and now >= c.closing_date:
            work.set_status(Status.CLOSED.value)
            work.audit(who, "Closed", f"Bids closed at {c.closing_date:%H:%M on %d/%m/%Y}")
        yield work, who


def _refuse_on_errors(what: str, problems: list[Problem], hint: str) -> None:
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise ProblemsFound(f"{what}: {len(errors)} error(s)", errors, hint)


@dataclass
class TabsResult:
    path: str
    added: list[str] = field(default_factory=list)
    rows_added: int = 0
    tasks: int = 0


def create_evaluator_tabs(
    workbook: CompetitionWorkbook, names: list[str], officer: str | None, now: datetime
) -> TabsResult:
    names = [n.strip() for n in names if n.strip()]
    if not names:
        raise ActionRefused("evaluators", 'name the evaluators, e.g. --names "A. Khan, B. Lee"')
    with _started("evaluators", workbook, officer, now) as (work, who):
        return _create_tabs(work, names, who)


def _create_tabs(edit: UnitOfWork, names: list[str], officer: str) -> TabsResult:
    loaded = edit.loaded
    _refuse_on_errors(
        "the Bids table is not ready for evaluation",
        loaded.locate(check_bids(loaded.file)),
        "Record when each bid arrived, whether it is compliant and its price, then run again.",
    )
    tasks = tasks_for(loaded.file)
    existing, _ = loaded.evaluation
    result = TabsResult(path=edit.workbook.label, tasks=len(tasks))
    by_name = {
        ev.name.casefold(): number
        for ev in existing
        if (number := eval_number(ev.table)) is not None
    }
    for name in names:
        number = by_name.get(name.casefold())
        if number is None:
            number = max([*by_name.values(), 0]) + 1
            edit.workbook.add_evaluator(number, name, tasks)
            by_name[name.casefold()] = number
            result.added.append(name)
        else:
            result.rows_added += edit.workbook.add_missing_tasks(number, tasks)
    details = (
        f"Evaluators: {', '.join(names)}; {len(evaluable_bids(loaded.file))} evaluated bid(s) × "
        f"{len(scored_criteria(loaded.file.criteria))} scored criteria"
    )
    edit.audit(officer, "Evaluator tabs created", details)
    result.path = edit.commit()
    return result


def _evaluation_inputs(
    action: str, loaded: LoadedCompetition
) -> tuple[list[Evaluator], tuple[Moderation, ...]]:
    evaluators, moderation = loaded.evaluation
    if not evaluators:
        raise ActionRefused(action, "there are no evaluator tabs yet: run `dps evaluators` first")
    return evaluators, moderation


def moderate(workbook: CompetitionWorkbook, officer: str | None, now: datetime) -> tuple[str, int]:
    """Refreshes the Moderation sheet; returns where it saved and how many rows need discussion."""
    with _started("moderate", workbook, officer, now) as (work, who):
        evaluators, moderation = _evaluation_inputs("moderate", work.loaded)
        headers, rows, flagged = moderation_rows(evaluators, moderation)
        work.workbook.write_moderation(headers, rows, flagged)
        work.audit(
            who, "Moderation sheet refreshed", f"{len(flagged)} row(s) differ by 2 or more points"
        )
        return work.commit(), len(flagged)


@dataclass
class ScoreResult:
    path: str
    result: EvaluationResult
    warnings: tuple[Problem, ...]  # located: each names its cells


def score(
    workbook: CompetitionWorkbook,
    officer: str | None,
    now: datetime,
    tie_break: tuple[str, str] | None = None,
    rescore_reason: str | None = None,
) -> ScoreResult:
    """`tie_break` is (supplier ID, reason): the officer's recorded decision for a tie for first.

    After letters have been issued the result may only change with `rescore_reason` (--force).
    """
    with unit_of_work(workbook, "score", now) as work:
        letters_issued = work.loaded.file.competition.status is Status.STANDSTILL
        if letters_issued and not (rescore_reason or "").strip():
            raise ActionRefused(
                "score",
                "letters have already been issued on the recorded result; to score again give "
                'the reason with --force --reason "…" (it is recorded in the audit trail), then '
                "issue the letters again",
            )
        require_status("score", work.loaded, now)
        require_untampered(work.loaded, with_seal=False)  # scoring again re-makes the seal
        return _score(work, officer, now, tie_break, rescore_reason if letters_issued else None)


def _score(
    edit: UnitOfWork,
    officer: str | None,
    now: datetime,
    tie_break: tuple[str, str] | None,
    rescore_reason: str | None,
) -> ScoreResult:
    loaded = edit.loaded
    c = loaded.file.competition
    officer = officer or c.officer_name or "unknown officer"
    if c.status is Status.LAUNCHED and c.closing_date and now >= c.closing_date:
        edit.set_status(Status.CLOSED.value)
        edit.audit(officer, "Closed", f"Bids closed at {c.closing_date:%H:%M on %d/%m/%Y}")
    evaluators, moderation = _evaluation_inputs("score", loaded)
    chosen = tie_break[0] if tie_break else recorded_tie_break(loaded)
    result = evaluate(loaded.file, evaluators, moderation, chosen)
    problems = loaded.locate(list(result.problems))
    _refuse_on_errors(
        "the evaluation cannot be completed",
        problems,
        "Fix each cell named (scores, rationale, moderation), then score again. For a tie, record "
        'the decision with --tie-break SUPPLIER_ID --reason "…".',
    )
    if rescore_reason:
        edit.audit(officer, "Re-scored after letters (--force)", rescore_reason.strip())
    if tie_break:
        edit.audit(officer, TIE_BREAK_ACTION, decision_details(*tie_break))
    results = results_rows(result)
    edit.workbook.write_results(results, breakdown_rows(result))
    # Sealed after the tie-break is audited, so the seal holds the decision that was applied.
    record = seal(
        current_seal_values(loaded, chosen), result.winner_id or "", results_fingerprint(results)
    )
    edit.seal(record)
    edit.set_status(Status.EVALUATED.value)
    conflicted = [ev.name for ev in evaluators if ev.conflict is True]
    kept = f"; excluded for a conflict of interest: {', '.join(conflicted)}" if conflicted else ""
    edit.audit(
        officer,
        SCORED_ACTION,
        f"{_score_summary(result)}{kept}; result seal {record.fingerprint}",
    )
    warnings = tuple(p for p in problems if p.severity is Severity.WARNING)
    return ScoreResult(path=edit.commit(), result=result, warnings=warnings)


def _score_summary(result: EvaluationResult) -> str:
    winner = result.winner
    ranked = sum(1 for b in result.bids if b.rank is not None)
    others = len(result.bids) - ranked
    name = (
        f"{winner.supplier_name} ({winner.supplier_id}), total {show_points(winner.total)}"
        if winner
        else "none"
    )
    return f"Winner: {name}; {ranked} ranked, {others} rejected or not evaluated"

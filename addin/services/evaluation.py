"""Evaluator tabs, moderation and scoring: after the closing date, on an untampered workbook."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from addin.domain.evaluation import Evaluator, Moderation, check_bids, evaluable_bids, show_points
from addin.domain.evaluation_input import Task, evaluation_inputs
from addin.domain.marks import scored_criteria
from addin.domain.models import CompetitionFile, Status
from addin.domain.outcomes import EvaluationResult
from addin.domain.problems import Problem, Severity
from addin.domain.scoring import evaluate
from addin.domain.tabulate import breakdown_rows, moderation_rows, results_rows
from addin.errors import ActionRefused, ProblemsFound
from addin.reporting import problem_line
from addin.services.editing import Edit, Target, begin_edit
from addin.services.integrity import audit_entries, require_status, require_untampered
from addin.services.loading import LoadedCompetition

TIE_BREAK_ACTION = "Tie-break decision"


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


def _start(
    action: str, target: Target, officer: str | None, now: datetime, output: Path | None
) -> tuple[Edit, str]:
    """Checks status and integrity; returns the edit and who acts (default: the officer)."""
    edit = begin_edit(target, output, now)
    require_status(action, edit.loaded, now)
    require_untampered(edit.loaded)
    c = edit.loaded.file.competition
    who = officer or c.officer_name or "unknown officer"
    if c.status is Status.LAUNCHED and c.closing_date and now >= c.closing_date:
        edit.set_status(Status.CLOSED.value)
        edit.audit(who, "Closed", f"Bids closed at {c.closing_date:%H:%M on %d/%m/%Y}")
    return edit, who


def _refuse_on_errors(what: str, problems: list[Problem], hint: str) -> None:
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise ProblemsFound(
            f"{what}: {len(errors)} error(s)", [problem_line(p) for p in errors], hint
        )


@dataclass
class TabsResult:
    path: str
    added: list[str] = field(default_factory=list)
    rows_added: int = 0
    tasks: int = 0


def create_evaluator_tabs(
    target: Target,
    names: list[str],
    officer: str | None,
    now: datetime,
    output: Path | None = None,
) -> TabsResult:
    names = [n.strip() for n in names if n.strip()]
    if not names:
        raise ActionRefused("evaluators", 'name the evaluators, e.g. --names "A. Khan, B. Lee"')
    edit, officer = _start("evaluators", target, officer, now, output)
    loaded = edit.loaded
    _refuse_on_errors(
        "the Bids table is not ready for evaluation",
        loaded.locate(check_bids(loaded.file)),
        "Record when each bid arrived, whether it is compliant and its price, then run again.",
    )
    tasks = tasks_for(loaded.file)
    existing, _ = evaluation_inputs(loaded.tables.tables)
    result = TabsResult(path=edit.workbook.label, tasks=len(tasks))
    by_name = {ev.name.casefold(): int(ev.table.removeprefix("tblEval")) for ev in existing}
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
    result.path = edit.save()
    return result


def _evaluation_inputs(loaded: LoadedCompetition) -> tuple[list[Evaluator], tuple[Moderation, ...]]:
    evaluators, moderation = evaluation_inputs(loaded.tables.tables)
    if not evaluators:
        raise ActionRefused("score", "there are no evaluator tabs yet: run `dps evaluators` first")
    return evaluators, moderation


def moderate(
    target: Target, officer: str | None, now: datetime, output: Path | None = None
) -> tuple[str, int]:
    """Refreshes the Moderation sheet; returns where it saved and how many rows need discussion."""
    edit, officer = _start("moderate", target, officer, now, output)
    evaluators, moderation = _evaluation_inputs(edit.loaded)
    headers, rows, flagged = moderation_rows(evaluators, moderation)
    edit.workbook.write_moderation(headers, rows, flagged)
    edit.audit(
        officer, "Moderation sheet refreshed", f"{len(flagged)} row(s) differ by 2 or more points"
    )
    return edit.save(), len(flagged)


def recorded_tie_break(loaded: LoadedCompetition) -> str | None:
    entries, _ = audit_entries(loaded)
    decisions = [e for e in entries if e.action == TIE_BREAK_ACTION]
    return decisions[-1].details.split(":", 1)[0].strip() if decisions else None


@dataclass
class ScoreResult:
    path: str
    result: EvaluationResult
    warnings: list[str]


def score(
    target: Target,
    officer: str | None,
    now: datetime,
    output: Path | None = None,
    tie_break: tuple[str, str] | None = None,
) -> ScoreResult:
    """`tie_break` is (supplier ID, reason): the officer's recorded decision for a tie for first."""
    edit, officer = _start("score", target, officer, now, output)
    loaded = edit.loaded
    evaluators, moderation = _evaluation_inputs(loaded)
    chosen = tie_break[0] if tie_break else recorded_tie_break(loaded)
    result = evaluate(loaded.file, evaluators, moderation, chosen)
    problems = loaded.locate(list(result.problems))
    _refuse_on_errors(
        "the evaluation cannot be completed",
        problems,
        "Fix each cell named (scores, rationale, moderation), then score again. For a tie, record "
        'the decision with --tie-break SUPPLIER_ID --reason "…".',
    )
    if tie_break:
        edit.audit(officer, TIE_BREAK_ACTION, f"{tie_break[0]}: {tie_break[1]}")
    edit.workbook.write_results(results_rows(result), breakdown_rows(result))
    edit.set_status(Status.EVALUATED.value)
    edit.audit(officer, "Scored", _score_summary(result))
    warnings = [problem_line(p) for p in problems if p.severity is Severity.WARNING]
    return ScoreResult(path=edit.save(), result=result, warnings=warnings)


def _score_summary(result: EvaluationResult) -> str:
    winner = result.winner
    ranked = sum(1 for b in result.bids if b.rank is not None)
    others = len(result.bids) - ranked
    name = (
        f"{winner.supplier_name} ({winner.supplier_id}), total {show_points(winner.total)}"
        if winner
        else "none"
    )
    return f"Winner: {name}; {ranked} ranked, {others} excluded or not evaluated"

"""The end-to-end demo: a realistic sample competition taken through every stage."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from addin.demo import sample
from addin.demo.closing import award_after_standstill, register_of_call_offs
from addin.demo.officer import (
    confirm_pre_award,
    evaluators_score,
    log_clarifications,
    panel_moderates,
    record_bids,
    record_low_price_decision,
)
from addin.demo.outputs import replay_in
from addin.domain.outcomes import EvaluationResult
from addin.domain.parse import parse_file
from addin.domain.uk_time import long_date
from addin.services.abandon import abandon
from addin.services.create import add_invitations, fill_workbook, missing_invitations
from addin.services.evaluation import create_evaluator_tabs, moderate, score
from addin.services.late_bids import accept_late_bids
from addin.services.launch import launch
from addin.services.letters import write_letters
from addin.services.report import write_report
from addin.services.validate import WorkbookReport, validate_workbook
from addin.workbook.file_workbook import FileWorkbook
from addin.workbook.reader import tables_of
from addin.workbook.safe_save import save_atomically
from addin.workbook.template import build_template

OFFICER = "Sam Patel"


@dataclass
class DemoRun:
    workbook: Path
    steps: list[str] = field(default_factory=list)
    validation: WorkbookReport | None = None
    scores: EvaluationResult | None = None
    letters: list[Path] = field(default_factory=list)


def _invite_everyone_required(book: Workbook, path: Path) -> int:
    """Uses the domain rule itself to add the Bids rows, as an officer's `dps invite` would."""
    parsed, _ = parse_file(tables_of(book, path).tables)
    members = missing_invitations(parsed)
    add_invitations(book, members)
    return len(members)


def build_sample(out: Path, invitation: date) -> Path:
    book = build_template()
    fill_workbook(
        book,
        sample.competition_fields(invitation),
        criteria=sample.CRITERIA,
        members=sample.MEMBERS,
        declarations=sample.declarations(invitation),
    )
    _invite_everyone_required(book, out)
    save_atomically(book, out)
    return out


WORKBOOK = "CCIN-2026-014.xlsx"
REPORT = "CCIN-2026-014 evaluation report.docx"


def run_demo(outdir: Path, today: date) -> DemoRun:
    """Replays the sample competition in `outdir`, which must be empty or an earlier demo's."""
    with replay_in(outdir):
        return _run(outdir, today)


def _run(outdir: Path, today: date) -> DemoRun:
    invitation = today - timedelta(days=28)
    workbook = build_sample(outdir / WORKBOOK, invitation)
    run = DemoRun(workbook=workbook)
    run.steps.append(f"Built the sample competition {workbook.name} (Lot 1, 5 criteria, 7 members)")
    run.validation = validate_workbook(workbook, today)
    run.steps.append(
        f"Validated: {len(run.validation.errors)} error(s), {len(run.validation.warnings)} warning(s)"
    )
    if run.validation.errors:
        return run
    # The demo replays the competition's timeline: launched at 09:00 on the invitation day.
    book = FileWorkbook(workbook)
    launched = launch(book, OFFICER, datetime.combine(invitation, time(9, 0)))
    run.steps.append(f"Launched on {long_date(invitation)}: {launched.summary}")
    run.steps.append(f"Criteria fingerprint {launched.fingerprint[:16]}…")
    log_clarifications(workbook, invitation)
    run.steps.append("Logged a clarification question and its answer, shared with every bidder")
    _evaluate(run, workbook, invitation)
    return run


def _evaluate(run: DemoRun, workbook: Path, invitation: date) -> None:
    closing = sample.closing_for(invitation)
    record_bids(workbook, closing)
    run.steps.append("Recorded the bids: three on time and compliant, one two minutes late")
    late_id, why = sample.LATE_BID_ACCEPTED
    accept_late_bids(
        FileWorkbook(workbook), [(late_id, why)], OFFICER, closing + timedelta(hours=1)
    )
    run.steps.append(
        f"Accepted {late_id}'s late bid after a portal failure (recorded with reasons)"
    )
    next_day = datetime.combine(closing.date() + timedelta(days=1), time(9, 0))
    tabs = create_evaluator_tabs(FileWorkbook(workbook), list(sample.EVALUATORS), OFFICER, next_day)
    run.steps.append(f"Created evaluator tabs for {', '.join(tabs.added)} ({tabs.tasks} rows each)")
    evaluators_score(workbook, next_day)
    run.steps.append("Evaluators declared no conflicts and scored every bid with reasons")
    panel_day = next_day + timedelta(days=2)
    _, flagged = moderate(FileWorkbook(workbook), OFFICER, panel_day)
    panel_moderates(workbook)
    run.steps.append(f"Moderation: {flagged} row(s) differed by 2+ points; the panel agreed scores")
    scored = score(FileWorkbook(workbook), OFFICER, panel_day + timedelta(hours=4))
    low = [w for w in scored.warnings if w.code == "ABNORMALLY_LOW_PRICE"]
    run.steps.append(f"Scored: {len(low)} abnormally low price flagged (reg. 69)")
    record_low_price_decision(workbook, panel_day.date())
    decided = panel_day + timedelta(days=2)
    scored = score(FileWorkbook(workbook), OFFICER, decided)
    run.scores = scored.result
    run.steps.append(
        f"Asked {late_id} to explain its price, rejected it with reasons and scored again: "
        f"{len(scored.warnings)} warning(s)"
    )
    _abandoned_copy(run, workbook, decided + timedelta(hours=1))
    confirm_pre_award(workbook, decided.date())
    run.steps.append("Confirmed the pre-award checks on the winner's evidence")
    sent = (decided + timedelta(days=1)).date()
    while sent.weekday() >= 5:  # letters go out on a working day
        sent += timedelta(days=1)
    letters = write_letters(
        FileWorkbook(workbook), workbook.parent / "letters", OFFICER, decided, sent
    )
    run.letters = letters.letters
    run.steps.append(
        f"Wrote {len(letters.letters)} outcome letters dated {long_date(sent)} in "
        f"{letters.folder.name}/; standstill ends at {letters.standstill}"
    )
    report = write_report(FileWorkbook(workbook), workbook.parent / REPORT, decided)
    run.steps.append(f"Wrote the reg. 84 evaluation report: {report.name}")
    run.steps.append(
        f"Award notice for Oldham Council: {letters.folder.name}/{letters.notice.name if letters.notice else ''}"
    )
    awarded, signed_at = award_after_standstill(workbook)
    run.steps += awarded
    run.steps += register_of_call_offs(workbook, signed_at)


ABANDONED = "if-abandoned"
ABANDON_REASON = (
    "The pilot's funding was withdrawn by the Food & Health board before the contract could "
    "be awarded."
)


def _abandoned_copy(run: DemoRun, workbook: Path, when: datetime) -> None:
    """The other ending, on a copy: the council decides not to award and tells every bidder."""
    copy = workbook.parent / ABANDONED / workbook.name
    copy.parent.mkdir(exist_ok=True)
    shutil.copy2(workbook, copy)
    done = abandon(FileWorkbook(copy), ABANDON_REASON, copy.parent / "letters", OFFICER, when)
    write_report(FileWorkbook(copy), copy.parent / REPORT, when)
    run.steps.append(
        f"The other ending, on a copy in {ABANDONED}/: abandoned, with {len(done.letters)} "
        "letters telling the bidders why, and its reg. 84 report"
    )

"""What each ribbon button does: call the CLI's own service on the open workbook, then tell the
officer. One function per button, named as its `Button.action` in addin/excel/buttons.py.

Each takes the xlwings Book (and, for tests, the time) and ends with one alert titled "CCIN DPS".
The cells a problem names are highlighted (addin/excel/highlights.py) and the last run's
highlights cleared. A DpsError becomes the alert: its message, the problems and the hint, never
a traceback. Anything else is a bug: the alert says so, and it is logged and re-raised for IT.
On the remote engine a failed action writes nothing, as a failed CLI command saves nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import wraps
from pathlib import Path
from typing import Protocol

import xlwings as xw

from addin.clock import uk_now
from addin.domain.cells import as_text
from addin.domain.evaluation import show_points
from addin.domain.problems import Problem, Severity
from addin.errors import DpsError, ProblemsFound
from addin.excel import highlights, late_bids, tie_break
from addin.excel.highlights import Mark
from addin.excel.live_workbook import LiveWorkbook
from addin.reporting import where
from addin.services import evaluation
from addin.services import launch as launching
from addin.services.integrity import require_status
from addin.services.late_bids import accept_late_bids
from addin.services.loading import parse_tables
from addin.services.validate import problems_in

TITLE = "CCIN DPS"
# Excel's message box shows about 1,024 characters; the highlights show every problem anyway.
ALERT_LIMIT = 900
SAVE = "Save the workbook to keep the changes."
# Where the officer names the evaluators: created by the first press of "Evaluator tabs".
EVALUATORS_SHEET = "Evaluators"
EVALUATORS_TABLE = "tblEvaluators"
EVALUATOR_COLUMN = "Evaluator"

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    message: str
    marks: Sequence[Mark] = field(default_factory=list)
    critical: bool = False


class Action(Protocol):
    __name__: str

    def __call__(self, book: xw.Book, now: datetime | None = None) -> None: ...


def alert(book: xw.Book, message: str, *, critical: bool = False) -> None:
    book.app.alert(message, title=TITLE, mode="critical" if critical else "info")


def fit(head: str, lines: Sequence[str], tail: str = "") -> str:
    """`head`, as many `lines` as fit in a message box, then `tail`."""
    text, room = head, ALERT_LIMIT - len(head) - len(tail)
    for shown, line in enumerate(lines):
        more = f"\n… and {len(lines) - shown} more, highlighted in the workbook."
        if len(line) + 1 > room - len(more):
            text += more
            break
        text, room = text + "\n" + line, room - len(line) - 1
    return text + (f"\n\n{tail}" if tail else "")


def officer_action(body: Callable[[LiveWorkbook, datetime], Outcome]) -> Action:
    @wraps(body)
    def run(book: xw.Book, now: datetime | None = None) -> None:
        try:
            outcome = body(LiveWorkbook(book), now or uk_now())
        except DpsError as exc:
            discard_queued_writes(book)
            highlight(book, highlights.marks_in(exc.details))
            details = [" ".join(d.split()) for d in exc.details]
            alert(book, fit(str(exc), details, exc.hint), critical=True)
        except Exception as exc:
            discarded = discard_queued_writes(book)
            log.exception("CCIN DPS add-in: the %s button failed", body.__name__)
            changed = (
                "Nothing in the workbook was changed."
                if discarded
                else "Check the workbook before saving it; close it without saving if in doubt."
            )
            alert(
                book,
                f"Something went wrong inside the CCIN DPS add-in ({type(exc).__name__}: "
                f"{str(exc)[:200]}). "
                f"This is a bug in the add-in, not a problem with your workbook. {changed} "
                "Please tell IT, quoting this message.",
                critical=True,
            )
            raise
        else:
            highlight(book, outcome.marks)
            alert(book, outcome.message, critical=outcome.critical)

    return run


def highlight(book: xw.Book, marks: Sequence[Mark]) -> None:
    """Highlights help, the alert is what matters: a failure to colour must not hide it."""
    try:
        highlights.show(book, marks)
    except Exception:  # e.g. desktop Excel refusing to format a protected sheet
        log.warning("CCIN DPS add-in: could not highlight the cells", exc_info=True)


def discard_queued_writes(book: xw.Book) -> bool:
    """Drops the writes the remote engine has queued, so a failed action changes nothing.

    Desktop Excel has applied them already; there the services' refusals come before their
    writes, and the one exception (marking the competition Closed) is true and audited.
    """
    if book.app.engine.name != "remote":
        return False
    book.json()["actions"].clear()  # the engine's own queue, not a copy
    return True


def officer_of(live: LiveWorkbook) -> str:
    return parse_tables(live.read()).file.competition.officer_name or "unknown"


def problem_text(problem: Problem) -> str:
    return f"{problem.severity.value.upper()} {problem.code} {where(problem)}: {problem.message}"


@officer_action
def validate(live: LiveWorkbook, now: datetime) -> Outcome:
    problems = problems_in(parse_tables(live.read()), now.date())
    if not problems:
        return Outcome(f"{live.label}: no problems found.")
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    head = (
        f"{live.label}: {errors} error(s), {len(problems) - errors} warning(s). The cells are "
        "highlighted: red for errors, amber for warnings.\n"
    )
    lines = [problem_text(p) for p in problems]
    return Outcome(fit(head, lines), highlights.marks_for(problems), critical=errors > 0)


@officer_action
def launch(live: LiveWorkbook, now: datetime) -> Outcome:
    result = launching.launch(live, officer_of(live), now)
    head = f"{live.label} is launched. {result.summary}.\nFingerprint {result.fingerprint[:16]}…"
    warnings = [" ".join(w.split()) for w in result.warnings]
    return Outcome(fit(head, warnings, SAVE), highlights.marks_in(result.warnings))


@officer_action
def accept_late(live: LiveWorkbook, now: datetime) -> Outcome:
    decisions = late_bids.typed_decisions(live)
    if not decisions:
        late_bids.prepare(live, now)
        return Outcome(
            f"Type each late bid to accept on the {late_bids.SHEET} sheet: its Supplier ID and "
            "the reason (e.g. a portal failure), then press Accept late bid again."
        )
    done = accept_late_bids(live, decisions, officer_of(live), now)
    lines = [f"Accepted the late bid from {s}: it will be evaluated." for s in done.accepted]
    lines += [f"{s}: already accepted; nothing changed." for s in done.already]
    return Outcome(fit("Late bids:", lines, SAVE if done.accepted else ""))


@officer_action
def evaluators(live: LiveWorkbook, now: datetime) -> Outcome:
    names = evaluator_names(live, now)
    if not names:
        return Outcome(
            f"Type the evaluators' names on the {EVALUATORS_SHEET} sheet, one a row in its "
            "table, then press Evaluator tabs again."
        )
    result = evaluation.create_evaluator_tabs(live, names, officer_of(live), now)
    added = f"Evaluator tabs created for {', '.join(result.added)}" if result.added else ""
    more = f"{result.rows_added} row(s) added to existing tabs" if result.rows_added else ""
    done = "; ".join(t for t in (added, more) if t) or "Every evaluator already has a full tab"
    return Outcome(f"{done} ({result.tasks} row(s) per evaluator).\n\n{SAVE}")


def evaluator_names(live: LiveWorkbook, now: datetime) -> list[str]:
    """The names in tblEvaluators; when there are none, the place to type them is made ready."""
    tables = live.read()
    raw = tables.find(EVALUATORS_TABLE)
    names = [as_text(row.get(EVALUATOR_COLUMN)) for row in raw.rows] if raw else []
    if any(names):
        return [n for n in names if n]
    require_status("evaluators", parse_tables(tables), now)  # refuse before adding anything
    if raw is None:
        sheet = live.add_sheet(EVALUATORS_SHEET)
        live.title(
            sheet,
            "Evaluators",
            "Type each evaluator's name in the table, one a row, then press Evaluator tabs.",
        )
        live.add_table(sheet, EVALUATORS_TABLE, (EVALUATOR_COLUMN,), 3, [])
        sheet.activate()
    return []


@officer_action
def moderate(live: LiveWorkbook, now: datetime) -> Outcome:
    _, flagged = evaluation.moderate(live, officer_of(live), now)
    live.book.sheets["Moderation"].activate()
    return Outcome(
        f"Moderation sheet refreshed: {flagged} row(s) differ by 2 or more points and are "
        f"shaded for discussion. Record each agreed score and why.\n\n{SAVE}"
    )


@officer_action
def score(live: LiveWorkbook, now: datetime) -> Outcome:
    try:
        scored = evaluation.score(
            live, officer_of(live), now, tie_break=tie_break.new_decision(live)
        )
    except ProblemsFound as exc:
        tied = [d for d in exc.details if "TIE_FOR_FIRST" in d]
        if not tied or not tie_break.prepare(live):
            raise
        return Outcome(
            fit(
                "There is a tie for first place. Record the panel's decision on the Tie-break "
                "sheet (Supplier ID and Reason), then press Score again.",
                [" ".join(d.split()) for d in tied],
            ),
            critical=True,
        )
    winner = scored.result.winner
    head = (
        f"Scored. Winner: {winner.supplier_name} ({winner.supplier_id}), total "
        f"{show_points(winner.total)}. The Results sheet has the ranking and breakdown."
        if winner
        else "Scored: no bid could be ranked. The Results sheet says why for each."
    )
    live.book.sheets["Results"].activate()
    warnings = [" ".join(w.split()) for w in scored.warnings]
    return Outcome(fit(head, warnings, SAVE), highlights.marks_in(scored.warnings))


def folder_of(book: xw.Book) -> Path:
    """The folder the workbook is saved in, where letters and the report are written."""
    fullname = str(book.fullname)
    path = Path(fullname)
    if "://" in fullname or not path.is_absolute():
        raise DpsError(
            f"{book.name} is not saved in a folder on this computer, so the documents have "
            "nowhere to go",
            "Save the workbook to a local or network folder (File > Save As), then try again.",
        )
    return path.parent


@officer_action
def letters(live: LiveWorkbook, now: datetime) -> Outcome:
    out_dir = folder_of(live.book) / "Letters"
    # Imported here: the letters bring Word templates with them, which other buttons never need.
    from addin.services.letters import write_letters

    done = write_letters(
        live,
        out_dir,
        officer_of(live),
        now,
        letter_date=None,
        dry_run=False,
        pdf=False,
        force=False,
    )
    standstill = f" The standstill period ends {done.standstill}." if done.standstill else ""
    notice = f"\nThe award notice for the DPS owner is {done.notice.name}." if done.notice else ""
    return Outcome(
        f"{len(done.letters)} outcome letter(s) written to {done.folder}.{standstill}{notice}"
        f"\n\n{SAVE}"
    )


@officer_action
def report(live: LiveWorkbook, now: datetime) -> Outcome:
    folder = folder_of(live.book)
    from addin.services.report import write_report

    reference = parse_tables(live.read()).file.competition.reference or Path(live.label).stem
    written = write_report(live, folder / f"{reference} evaluation report.docx", now)
    return Outcome(f"Evaluation report written to {written}.")

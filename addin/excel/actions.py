"""What each ribbon button does: call the CLI's own service on the open workbook, then tell the
officer. One function per button, named as its `Button.action` in addin/excel/buttons.py.

Each takes the xlwings Book, the time and the caller's context (addin/excel/context.py), and
reports to the officer as addin/excel/officer_action.py describes.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from addin.domain.cells import as_text
from addin.domain.evaluation import show_points
from addin.domain.problems import Severity
from addin.domain.schema import EVALUATORS, HEADER_ROW, MODERATION, RESULTS
from addin.errors import DpsError, ProblemsFound
from addin.excel import abandon_sheet, award_inputs, late_bids, tie_break
from addin.excel.context import ActionContext
from addin.excel.live_workbook import LiveWorkbook
from addin.excel.officer_action import ALERT_LIMIT as ALERT_LIMIT
from addin.excel.officer_action import TITLE as TITLE
from addin.excel.officer_action import Action as Action
from addin.excel.officer_action import ActionResult, fit, officer_action, problem_alert
from addin.excel.officer_action import alert as alert
from addin.services import evaluation
from addin.services import launch as launching
from addin.services.integrity import require_status
from addin.services.late_bids import accept_late_bids
from addin.services.loading import parse_tables
from addin.services.validate import problems_in

SAVE = "Save the workbook to keep the changes."
# Where the officer names the evaluators (schema.EVALUATORS): made by the first press of
# "Evaluator tabs".
EVALUATORS_SHEET = EVALUATORS.sheet
(EVALUATOR_COLUMN,) = EVALUATORS.columns
LETTERS_FOLDER = "Letters"  # beside the workbook, or in the server's download


def officer_of(live: LiveWorkbook, context: ActionContext) -> str:
    """The signed-in user when the server knows one, else the competition's Officer name."""
    return context.officer or parse_tables(live.read()).file.competition.officer_name or "unknown"


@officer_action
def validate(live: LiveWorkbook, now: datetime, context: ActionContext) -> ActionResult:
    problems = problems_in(parse_tables(live.read()), now.date())
    if not problems:
        return ActionResult(f"{live.label}: no problems found.")
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    head = (
        f"{live.label}: {errors} error(s), {len(problems) - errors} warning(s). The cells are "
        "highlighted: red for errors, amber for warnings.\n"
    )
    return ActionResult(problem_alert(head, problems), problems, critical=errors > 0)


@officer_action
def launch(live: LiveWorkbook, now: datetime, context: ActionContext) -> ActionResult:
    result = launching.launch(live, officer_of(live, context), now)
    head = f"{live.label} is launched. {result.summary}.\nFingerprint {result.fingerprint[:16]}…"
    return ActionResult(problem_alert(head, result.warnings, SAVE), result.warnings)


@officer_action
def accept_late(live: LiveWorkbook, now: datetime, context: ActionContext) -> ActionResult:
    decisions = late_bids.typed_decisions(live)
    if not decisions:
        late_bids.prepare(live, now)
        return ActionResult(
            f"Type each late bid to accept on the {late_bids.SHEET} sheet: its Supplier ID and "
            "the reason (e.g. a portal failure), then press Accept late bid again."
        )
    done = accept_late_bids(live, decisions, officer_of(live, context), now)
    lines = [f"Accepted the late bid from {s}: it will be evaluated." for s in done.accepted]
    lines += [f"{s}: already accepted; nothing changed." for s in done.already]
    return ActionResult(fit("Late bids:", lines, SAVE if done.accepted else ""))


@officer_action
def evaluators(live: LiveWorkbook, now: datetime, context: ActionContext) -> ActionResult:
    names = evaluator_names(live, now)
    if not names:
        return ActionResult(
            f"Type the evaluators' names on the {EVALUATORS_SHEET} sheet, one a row in its "
            "table, then press Evaluator tabs again."
        )
    result = evaluation.create_evaluator_tabs(live, names, officer_of(live, context), now)
    added = f"Evaluator tabs created for {', '.join(result.added)}" if result.added else ""
    more = f"{result.rows_added} row(s) added to existing tabs" if result.rows_added else ""
    done = "; ".join(t for t in (added, more) if t) or "Every evaluator already has a full tab"
    return ActionResult(f"{done} ({result.tasks} row(s) per evaluator).\n\n{SAVE}")


def evaluator_names(live: LiveWorkbook, now: datetime) -> list[str]:
    """The names on the Evaluators sheet; when there are none, the place to type them is made
    ready."""
    tables = live.read()
    raw = tables.find(EVALUATORS.name)
    names = [as_text(row.get(EVALUATOR_COLUMN)) for row in raw.rows] if raw else []
    if any(names):
        return [n for n in names if n]
    require_status("evaluators", parse_tables(tables), now)  # refuse before adding anything
    if raw is None:
        sheet = live.add_sheet(EVALUATORS_SHEET)
        live.title(
            sheet,
            EVALUATORS_SHEET,
            "Type each evaluator's name in the table, one a row, then press Evaluator tabs.",
        )
        live.add_table(sheet, EVALUATORS.name, EVALUATORS.columns, HEADER_ROW, [])
        sheet.activate()
    return []


@officer_action
def moderate(live: LiveWorkbook, now: datetime, context: ActionContext) -> ActionResult:
    _, flagged = evaluation.moderate(live, officer_of(live, context), now)
    live.book.sheets[MODERATION.sheet].activate()
    return ActionResult(
        f"Moderation sheet refreshed: {flagged} row(s) differ by 2 or more points and are "
        f"shaded for discussion. Record each agreed score and why.\n\n{SAVE}"
    )


@officer_action
def score(live: LiveWorkbook, now: datetime, context: ActionContext) -> ActionResult:
    try:
        scored = evaluation.score(
            live, officer_of(live, context), now, tie_break=tie_break.new_decision(live)
        )
    except ProblemsFound as exc:
        tied = [p for p in exc.problems if p.code == "TIE_FOR_FIRST"]
        if not tied or not tie_break.prepare(live):
            raise
        return ActionResult(
            problem_alert(
                f"There is a tie for first place. Record the panel's decision on the "
                f"{tie_break.SHEET} sheet (Supplier ID and Reason), then press Score again.",
                tied,
            ),
            tied,
            critical=True,
        )
    winner = scored.result.winner
    head = (
        f"Scored. Winner: {winner.supplier_name} ({winner.supplier_id}), total "
        f"{show_points(winner.total)}. The Results sheet has the ranking and breakdown."
        if winner
        else "Scored: no bid could be ranked. The Results sheet says why for each."
    )
    live.book.sheets[RESULTS.sheet].activate()
    return ActionResult(problem_alert(head, scored.warnings, SAVE), scored.warnings)


def folder_of(live: LiveWorkbook, context: ActionContext) -> Path:
    """Where letters and the report go: the server's folder, else beside the saved workbook."""
    if context.documents is not None:
        return context.documents
    fullname = str(live.book.fullname)
    path = Path(fullname)
    if "://" in fullname or not path.is_absolute():
        raise DpsError(
            f"{live.book.name} is not saved in a folder on this computer, so the documents have "
            "nowhere to go",
            "Save the workbook to a local or network folder (File > Save As), then try again.",
        )
    return path.parent


def reference_of(live: LiveWorkbook) -> str:
    return parse_tables(live.read()).file.competition.reference or Path(live.label).stem


DOWNLOAD = "ready: download {name} from the CCIN DPS task pane (the link works once, for one hour)."


@officer_action
def letters(live: LiveWorkbook, now: datetime, context: ActionContext) -> ActionResult:
    out_dir = folder_of(live, context) / LETTERS_FOLDER
    # Imported here: the letters bring Word templates with them, which other buttons never need.
    from addin.services.letters import write_letters

    done = write_letters(
        live,
        out_dir,
        officer_of(live, context),
        now,
        letter_date=None,
        dry_run=False,
        pdf=False,
        force=False,
        # On the server the folder is temporary: the workbook records where the files are in
        # the download, not a path on the server.
        record_folder=LETTERS_FOLDER if context.downloads else None,
    )
    bundle = f"{reference_of(live)} letters.zip"
    where = (
        f"are {DOWNLOAD.format(name=bundle)}" if context.downloads else f"written to {done.folder}."
    )
    standstill = f" The standstill period ends {done.standstill}." if done.standstill else ""
    notice = f"\nThe award notice for the DPS owner is {done.notice.name}." if done.notice else ""
    files = [*done.letters, *([done.notice] if done.notice else [])]
    return ActionResult(
        f"{len(done.letters)} outcome letter(s) {where}{standstill}{notice}\n\n{SAVE}",
        files=files,
        bundle=bundle,
    )


@officer_action
def award(live: LiveWorkbook, now: datetime, context: ActionContext) -> ActionResult:
    terms = award_inputs.typed_terms(live, now)
    if terms is None:
        return ActionResult(f"{award_inputs.HINT}\n\nThe Award sheet is ready for them.")
    from addin.services.award import record_award

    done = record_award(live, terms, folder_of(live, context), officer_of(live, context), now)
    duties = [f"{d.where}: due by {d.due_by:%d/%m/%Y}" for d in done.duties]
    head = (
        f"Awarded to {done.record.supplier_name}. The award record for Oldham Council is "
        f"{done.notice.name}; the OCDS record {done.ocds.name}. The council must publish:"
    )
    return ActionResult(
        fit(head, duties, "The Publication sheet lists them. " + SAVE),
        files=[done.notice, done.ocds],
        bundle=f"{reference_of(live)} award record.zip",
    )


@officer_action
def report(live: LiveWorkbook, now: datetime, context: ActionContext) -> ActionResult:
    folder = folder_of(live, context)
    from addin.services.report import write_report

    written = write_report(live, folder / f"{reference_of(live)} evaluation report.docx", now)
    where = (
        f"is {DOWNLOAD.format(name=written.name)}"
        if context.downloads
        else f"written to {written}."
    )
    return ActionResult(f"Evaluation report {where}", files=[written])


@officer_action
def abandon(live: LiveWorkbook, now: datetime, context: ActionContext) -> ActionResult:
    out_dir = (
        folder_of(live, context) / LETTERS_FOLDER
    )  # before asking for a reason that cannot be used
    reason = abandon_sheet.typed_reason(live)
    if not reason:
        abandon_sheet.prepare(live, now)
        return ActionResult(
            f"Type the reason for not awarding on the {abandon_sheet.SHEET} sheet, then press "
            "Abandon again. Each bidder gets a letter quoting it."
        )
    from addin.services.abandon import abandon as abandon_competition

    done = abandon_competition(live, reason, out_dir, officer_of(live, context), now)
    where = (
        f"are {DOWNLOAD.format(name=f'{reference_of(live)} abandonment letters.zip')}"
        if context.downloads
        else f"written to {done.folder}."
    )
    return ActionResult(
        f"The competition is abandoned. {len(done.letters)} letter(s) {where}\n\n{SAVE}",
        files=list(done.letters),
        bundle=f"{reference_of(live)} abandonment letters.zip",
    )

"""How every ribbon action reports to the officer: one alert titled "CCIN DPS", the cells a
problem names highlighted (addin/excel/highlights.py) and the last run's highlights cleared.

A DpsError becomes the alert: its message, its problems and the hint, never a traceback.
Anything else is a bug: the alert says so, and it is logged and re-raised for IT. On the remote
engine a failed action writes nothing, as a failed CLI command saves nothing. Each action
returns what it told the officer (an ActionResult), which xlwings Server shows in its task pane.
Problems stay objects to the end: the alert's lines (addin/presentation.py), the highlighted
cells and the pane's list are all made from the same Problem objects.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from pathlib import Path
from typing import Protocol

import xlwings as xw

from addin.clock import uk_now
from addin.domain.problems import Problem
from addin.errors import DpsError
from addin.excel import highlights
from addin.excel.context import ActionContext
from addin.excel.highlights import Mark
from addin.excel.live_workbook import LiveWorkbook
from addin.presentation import alert_line

TITLE = "CCIN DPS"
# Excel's message box shows about 1,024 characters; the highlights show every problem anyway.
ALERT_LIMIT = 900

log = logging.getLogger(__name__)


@dataclass
class ActionResult:
    """What an action told the officer: the alert, and the problems whose cells it coloured."""

    message: str
    # What the action found or stopped on, located (each names its cells): validation's
    # problems, a service's warnings, or the problems of the DpsError that stopped it.
    problems: Sequence[Problem] = ()
    critical: bool = False
    hint: str = ""  # what to do about `problems` (the DpsError's hint)
    files: Sequence[Path] = ()  # documents written for the officer
    bundle: str = ""  # the name to offer `files` under together (a .zip), when there are several

    @property
    def marks(self) -> list[Mark]:
        """The cells to colour: exactly those the problems name."""
        return highlights.marks_for(self.problems)


Body = Callable[[LiveWorkbook, datetime, ActionContext], ActionResult]


class Action(Protocol):
    __name__: str

    def __call__(
        self, book: xw.Book, now: datetime | None = None, context: ActionContext | None = None
    ) -> ActionResult: ...


def alert(book: xw.Book, message: str, *, critical: bool = False) -> None:
    mode = "critical" if critical else "info"
    if book.app.engine.name == "remote":
        # The remote engine has one App for every open book, and App.alert goes to the book
        # opened last: on a server acting for several officers at once, maybe another's. The
        # action is queued on this book instead, exactly as App.alert would queue it.
        book.impl.append_json_action(func="alert", args=[message, TITLE, "ok", mode, ""])
    else:
        book.app.alert(message, title=TITLE, mode=mode)


def problem_alert(head: str, problems: Sequence[Problem], tail: str = "") -> str:
    """`head`, a line for each problem that fits in a message box, then `tail`."""
    return fit(head, [alert_line(p) for p in problems], tail)


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


def officer_action(body: Body) -> Action:
    @wraps(body)
    def run(
        book: xw.Book, now: datetime | None = None, context: ActionContext | None = None
    ) -> ActionResult:
        try:
            live = LiveWorkbook(book)
            outcome = body(live, now or uk_now(), context or ActionContext())
        except DpsError as exc:
            discard_queued_writes(book)
            outcome = ActionResult(
                problem_alert(str(exc), exc.problems, exc.hint),
                exc.problems,
                critical=True,
                hint=exc.hint,
            )
            highlight(book, outcome.marks)
            alert(book, outcome.message, critical=True)
            return outcome
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
        highlight(book, outcome.marks)
        alert(book, outcome.message, critical=outcome.critical)
        return outcome

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
    writes. Changes to existing tables wait in LiveWorkbook until the save, so only new sheets
    and tables are written before it.
    """
    if book.app.engine.name != "remote":
        return False
    book.json()["actions"].clear()  # the engine's own queue, not a copy
    return True

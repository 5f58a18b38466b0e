"""How every ribbon action reports to the officer: one alert titled "CCIN DPS", the cells a
problem names highlighted (addin/excel/highlights.py) and the last run's highlights cleared.

A DpsError becomes the alert: its message, the problems and the hint, never a traceback.
Anything else is a bug: the alert says so, and it is logged and re-raised for IT. On the remote
engine a failed action writes nothing, as a failed CLI command saves nothing. Each action
returns what it told the officer (an Outcome), which xlwings Server shows in its task pane.
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
from addin.domain.problems import Problem
from addin.errors import DpsError
from addin.excel import highlights
from addin.excel.context import ActionContext
from addin.excel.highlights import Mark
from addin.excel.live_workbook import LiveWorkbook

TITLE = "CCIN DPS"
# Excel's message box shows about 1,024 characters; the highlights show every problem anyway.
ALERT_LIMIT = 900

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What an action told the officer: the alert, the cells coloured and what they are."""

    message: str
    marks: Sequence[Mark] = field(default_factory=list)
    critical: bool = False
    problems: Sequence[Problem] = ()  # the validation problems, as objects
    details: Sequence[str] = ()  # problem lines from a service (DpsError.details, warnings)
    files: Sequence[Path] = ()  # documents written for the officer
    bundle: str = ""  # the name to offer `files` under together (a .zip), when there are several


Body = Callable[[LiveWorkbook, datetime, ActionContext], Outcome]


class Action(Protocol):
    __name__: str

    def __call__(
        self, book: xw.Book, now: datetime | None = None, context: ActionContext | None = None
    ) -> Outcome: ...


def alert(book: xw.Book, message: str, *, critical: bool = False) -> None:
    mode = "critical" if critical else "info"
    if book.app.engine.name == "remote":
        # The remote engine has one App for every open book, and App.alert goes to the book
        # opened last: on a server acting for several officers at once, maybe another's. The
        # action is queued on this book instead, exactly as App.alert would queue it.
        book.impl.append_json_action(func="alert", args=[message, TITLE, "ok", mode, ""])
    else:
        book.app.alert(message, title=TITLE, mode=mode)


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
    ) -> Outcome:
        try:
            outcome = body(LiveWorkbook(book), now or uk_now(), context or ActionContext())
        except DpsError as exc:
            discard_queued_writes(book)
            marks = highlights.marks_in(exc.details)
            highlight(book, marks)
            details = [" ".join(d.split()) for d in exc.details]
            outcome = Outcome(
                fit(str(exc), details, exc.hint), marks, critical=True, details=exc.details
            )
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
    writes, and the one exception (marking the competition Closed) is true and audited.
    """
    if book.app.engine.name != "remote":
        return False
    book.json()["actions"].clear()  # the engine's own queue, not a copy
    return True

"""One press of a ribbon button on the server: the same dispatch as the .xlam, off the event loop.

xlwings Server awaits a script on its event loop; a plain function would run there and hold up
every other officer's request while it works. `press` hands the action to a worker thread, so
the server keeps answering. Whatever happens, the officer gets an alert: an unexpected exception
becomes "internal error — please report it" with a reference that is also in the server's log,
and nothing in the workbook is changed (the queued writes are dropped).
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import xlwings as xw

from addin.clock import uk_now
from addin.excel import dispatch
from addin.excel.buttons import button
from addin.excel.context import ActionContext
from addin.excel.officer_action import alert
from addin.server import pane
from addin.server.access import SignedIn, refusal, who
from addin.server.downloads import Downloads
from addin.server.settings import ServerSettings, check, load

log = logging.getLogger("addin.server")
PANE_CALLBACK = "ccinDpsShow"  # registered by static/js/ccin-dps.js with xlwings.registerCallback


@cache
def settings() -> ServerSettings:
    """Checked once per worker process; `dps serve` exported the .env values to it."""
    return check(load(None))


@cache
def downloads() -> Downloads:
    configured = settings().download_dir or os.environ.get("CCIN_DPS_RUNTIME_DIR")
    root = Path(configured) if configured else Path(tempfile.mkdtemp(prefix="ccin-dps-"))
    return Downloads(root)


def internal_error_message(reference: str) -> str:
    return (
        "Internal error in the CCIN DPS add-in — please report it to IT, quoting reference "
        f"{reference}. Nothing in the workbook was changed."
    )


def show_in_pane(book: xw.Book, data: dict[str, Any]) -> None:
    """Queues a call of the task pane's callback with `data`, on this book (see alert())."""
    book.impl.append_json_action(func="runMacro", args=[PANE_CALLBACK, data])


async def press(button_id: str, book: xw.Book, user: SignedIn) -> None:
    config = settings()
    refused = refusal(user, config)
    if refused:
        log.warning("CCIN DPS: %s refused to %s", who(user, config), button_id)
        alert(book, refused, critical=True)
        return
    try:
        await asyncio.to_thread(run, button_id, book, user, config)
    except Exception:
        reference = secrets.token_hex(4).upper()
        log.exception("CCIN DPS: the %s button failed, reference %s", button_id, reference)
        book.json()["actions"].clear()  # the engine's own queue: nothing half-done reaches Excel
        message = internal_error_message(reference)
        alert(book, message, critical=True)
        show_in_pane(book, {"button": "", "message": message, "critical": True})


def run(button_id: str, book: xw.Book, user: SignedIn, config: ServerSettings) -> None:
    store = downloads()
    now = config.fixed_time or uk_now()
    with store.work_folder() as folder:
        context = ActionContext(officer=who(user, config), documents=folder)
        outcome = dispatch.run_button(button_id, book, now, context)
        offered = (
            [store.offer(outcome.files, folder, outcome.bundle)]
            if outcome is not None and outcome.files
            else []
        )
    try:
        pressed = button(button_id)
    except KeyError:
        pressed = None
    show_in_pane(book, pane.report(pressed, outcome, offered, config.app_path))

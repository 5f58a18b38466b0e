"""From a ribbon button to its action: the one entry point the VBA calls, and its JSON twin.

`on_button` is what CcinDpsRibbon.bas runs through RunPython on desktop Excel. `run_json` takes
the same workbook as xlwings' remote engine receives it (the JSON an Office.js add-in or xlwings
Server client sends) and returns the actions Excel must apply; the tests drive every button
through it, without Excel.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import xlwings as xw

from addin.excel import actions
from addin.excel.buttons import button
from addin.excel.context import ActionContext
from addin.excel.officer_action import ActionResult

log = logging.getLogger(__name__)


def on_button(button_id: str) -> None:
    run_button(button_id, xw.Book.caller())


def run_button(
    button_id: str,
    book: xw.Book,
    now: datetime | None = None,
    context: ActionContext | None = None,
) -> ActionResult | None:
    """Runs the button's action on `book`; None when there is no such button (an alert says so)."""
    try:
        found = button(button_id)
    except KeyError:
        actions.alert(book, f"The CCIN DPS add-in has no button {button_id!r}.", critical=True)
        return None
    action: actions.Action = getattr(actions, found.action)
    return action(book, now, context or ActionContext())


def run_json(
    button_id: str,
    payload: dict[str, Any],
    now: datetime | None = None,
    context: ActionContext | None = None,
) -> list[dict[str, Any]]:
    book = xw.Book(json=payload)
    try:
        run_button(button_id, book, now, context)
    except Exception:
        # A bug: the action has logged it and queued the alert saying so, which the client
        # must still receive to show the officer.
        log.debug("run_json(%r) ended with a bug alert", button_id)
    try:
        return list(book.json()["actions"])
    finally:
        book.close()

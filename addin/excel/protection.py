"""Lifting the launch-time sheet protection around the add-in's own writes, on desktop Excel.

After launch the Criteria, Competition and Audit sheets are protected (no password) as a guard
against slips. Excel refuses writes to protected cells even from an add-in, so the ribbon lifts
the protection for its own write and puts it back straight after. The remote engine (Office.js
and the tests) cannot see or change protection, so there it does nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def _lift(api: Any) -> str | None:
    """Unprotects the sheet; returns which API did it ("com" or "mac"), or None."""
    try:
        if api.ProtectContents:  # Windows: Excel's COM object model
            api.Unprotect()
            return "com"
        return None
    except AttributeError:
        pass
    try:
        if api.protect_contents.get():  # macOS: appscript
            api.unprotect()
            return "mac"
    except AttributeError:
        pass
    return None


def _restore(api: Any, how: str) -> None:
    if how == "com":
        api.Protect(DrawingObjects=True, Contents=True, Scenarios=True)
    else:
        api.protect_worksheet()


@contextmanager
def writable(sheet: Any) -> Iterator[None]:
    if sheet.book.app.engine.name == "remote":
        yield
        return
    how = _lift(sheet.api)
    try:
        yield
    finally:
        if how:
            _restore(sheet.api, how)

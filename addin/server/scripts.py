"""The scripts xlwings Server may run: one per ribbon button, each the same dispatch.

project/custom_scripts/__init__.py imports exactly these names, because xlwings Server calls any
attribute of that module a request names; the server's guard (guard.py) also refuses every other
name before it gets there.
"""

from __future__ import annotations

import xlwings as xw
from xlwings.server import script
from xlwings_server.models import CurrentUser

from addin.server.press import press


@script
async def validate(book: xw.Book, current_user: CurrentUser) -> None:
    await press("validate", book, current_user)


@script
async def launch(book: xw.Book, current_user: CurrentUser) -> None:
    await press("launch", book, current_user)


@script
async def accept_late(book: xw.Book, current_user: CurrentUser) -> None:
    await press("accept_late", book, current_user)


@script
async def evaluators(book: xw.Book, current_user: CurrentUser) -> None:
    await press("evaluators", book, current_user)


@script
async def moderate(book: xw.Book, current_user: CurrentUser) -> None:
    await press("moderate", book, current_user)


@script
async def score(book: xw.Book, current_user: CurrentUser) -> None:
    await press("score", book, current_user)


@script
async def letters(book: xw.Book, current_user: CurrentUser) -> None:
    await press("letters", book, current_user)


@script
async def award(book: xw.Book, current_user: CurrentUser) -> None:
    await press("award", book, current_user)


@script
async def report(book: xw.Book, current_user: CurrentUser) -> None:
    await press("report", book, current_user)


@script
async def abandon(book: xw.Book, current_user: CurrentUser) -> None:
    await press("abandon", book, current_user)

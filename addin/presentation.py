"""How a Problem is shown: the one place that turns Problem objects into words and places.

Services return problems (and DpsError carries them) as objects; each door formats them here at
the last moment: the CLI's two-line entry, the ribbon alert's one line, the task pane's entry
(whose places select their cells) and the JSON a script reads. Highlighting takes the objects
themselves (addin/excel/highlights.py), never these strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: `dps --help` must not load the domain (pydantic)
    from addin.domain.problems import Problem
from addin.workbook.cellrefs import compress

_ADDRESS = re.compile(r"^\$?[A-Z]{1,3}\$?\d+(:\$?[A-Z]{1,3}\$?\d+)?$", re.IGNORECASE)


def places(problem: Problem) -> list[str]:
    """The cells a problem names, runs in one column as ranges: "Criteria!D4:D8"."""
    return compress(problem.cells)


def where(problem: Problem) -> str:
    return ", ".join(places(problem))


def where_in_full(problem: Problem) -> str:
    """Every place as given, uncompressed: cells in several files and JSON paths (the register)."""
    return "; ".join(problem.cells)


def problem_line(problem: Problem, where: Callable[[Problem], str] = where) -> str:
    """The CLI's entry: severity, code and places, then the message indented on the next line."""
    severity = problem.severity.value.upper()
    return f"  {severity:7} {problem.code}  {where(problem)}\n          {problem.message}"


def alert_line(problem: Problem) -> str:
    """One line of a ribbon alert: "ERROR WEIGHTS_NOT_100 Criteria!D4:D8: Weights must …"."""
    place = where(problem)
    head = f"{problem.severity.value.upper()} {problem.code}" + (f" {place}" if place else "")
    return f"{head}: {' '.join(problem.message.split())}"


def split_place(place: str) -> tuple[str, str] | None:
    """("My sheet", "B2:B5") from "'My sheet'!B2:B5"; None for anything not a cell range."""
    sheet, bang, address = place.rpartition("!")
    if not bang or not _ADDRESS.match(address):
        return None
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, address.replace("$", "")


def pane_entry(problem: Problem, hint: str = "") -> dict[str, Any]:
    """The task pane's entry: each place a {sheet, address, label} the pane can select."""
    found = ((place, split_place(place)) for place in places(problem))
    return {
        "code": problem.code,
        "severity": problem.severity.value,
        "message": problem.message,
        "hint": hint,
        "places": [{"sheet": at[0], "address": at[1], "label": place} for place, at in found if at],
    }


def problem_json(problem: Problem) -> dict[str, object]:
    """`dps validate --format json`: the cells one by one, as a script wants them."""
    return {
        "code": problem.code,
        "severity": problem.severity.value,
        "message": problem.message,
        "cells": list(problem.cells),
    }

"""What the task pane shows after a button: the alert's message, the problems as a list whose
entries select their cells, and the download links.

`problems_of` is the one place that turns an action's Outcome into the list. Today it reads the
validation Problem objects where the action has them and parses the problem lines services put
in DpsError.details and their warnings otherwise; when problems travel as objects end to end,
only this function changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from addin.domain.problems import Problem
from addin.excel.buttons import Button
from addin.excel.highlights import Mark, marks_for, marks_in, split_place
from addin.excel.officer_action import Outcome
from addin.server.downloads import Download

DOWNLOAD_PATH = "/ccin-dps/download/"


def _places(marks: Sequence[Mark]) -> list[dict[str, str]]:
    places = []
    for mark in marks:
        where = split_place(mark.place)
        if where:
            places.append({"sheet": where[0], "address": where[1], "label": mark.place})
    return places


def _from_problem(problem: Problem) -> dict[str, Any]:
    return {
        "severity": problem.severity.value,
        "code": problem.code,
        "message": problem.message,
        "places": _places(marks_for([problem])),
    }


def _from_line(line: str) -> dict[str, Any] | None:
    """`  ERROR   CODE  Sheet!A1, …` then the message on the next lines (reporting.problem_line)."""
    head, _, rest = line.strip().partition("\n")
    words = head.split(None, 2)
    if len(words) < 2 or words[0] not in ("ERROR", "WARNING"):
        return None
    return {
        "severity": words[0].lower(),
        "code": words[1],
        "message": " ".join(rest.split()),
        "places": _places(marks_in([line])),
    }


def problems_of(outcome: Outcome) -> list[dict[str, Any]]:
    if outcome.problems:
        return [_from_problem(p) for p in outcome.problems]
    found = (_from_line(line) for line in outcome.details)
    return [entry for entry in found if entry is not None]


def report(
    button: Button | None, outcome: Outcome | None, downloads: Sequence[Download], app_path: str
) -> dict[str, Any]:
    """The task pane's data for one press (JSON, sent to the pane's ccinDpsShow callback)."""
    return {
        "button": button.label if button else "",
        "message": outcome.message if outcome else "",
        "critical": bool(outcome and outcome.critical),
        "problems": problems_of(outcome) if outcome else [],
        "downloads": [
            {"name": d.name, "url": f"{app_path}{DOWNLOAD_PATH}{d.token}"} for d in downloads
        ],
    }

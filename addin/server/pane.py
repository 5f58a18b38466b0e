"""What the task pane shows after a button: the alert's message, the problems as a list whose
entries select their cells, and the download links.

The list is made from the action's Problem objects (the validation problems, a service's
warnings, or those of the DpsError that stopped it), each formatted by addin/presentation.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from addin.excel.buttons import Button
from addin.excel.officer_action import ActionResult
from addin.presentation import pane_entry
from addin.server.downloads import Download

DOWNLOAD_PATH = "/ccin-dps/download/"


def problems_of(result: ActionResult) -> list[dict[str, Any]]:
    return [pane_entry(p, result.hint) for p in result.problems]


def report(
    button: Button | None,
    result: ActionResult | None,
    downloads: Sequence[Download],
    app_path: str,
) -> dict[str, Any]:
    """The task pane's data for one press (JSON, sent to the pane's ccinDpsShow callback)."""
    return {
        "button": button.label if button else "",
        "message": result.message if result else "",
        "critical": bool(result and result.critical),
        "problems": problems_of(result) if result else [],
        "downloads": [
            {"name": d.name, "url": f"{app_path}{DOWNLOAD_PATH}{d.token}"} for d in downloads
        ],
    }

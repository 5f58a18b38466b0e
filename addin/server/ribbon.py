"""The ribbon tab and task pane as the Office.js templates draw them, from addin/excel/buttons.py.

The manifest (project/templates/manifest.xml) makes one ExecuteFunction control per button,
named `function`; the task pane embeds the same list as JSON and static/js/ribbon.js binds each
`function` to the script of the same id, so no list of buttons is written twice.
"""

from __future__ import annotations

from typing import Any

from addin.excel.buttons import BUTTONS, GROUPS

TAB = "CCIN DPS"
ICONS = "images/ccin-dps"


def function_name(button_id: str) -> str:
    return f"ccinDps.{button_id}"


def ribbon() -> dict[str, Any]:
    groups = [
        {
            "id": group_id,
            "label": label,
            "icon": f"{ICONS}/{members[0].id}" if members else f"{ICONS}/logo",
            "buttons": [
                {
                    "id": b.id,
                    "label": b.label,
                    "screentip": b.screentip,
                    "supertip": b.supertip,
                    "function": function_name(b.id),
                    "script": b.id,
                    "icon": f"{ICONS}/{b.id}",
                }
                for b in members
            ],
        }
        for group_id, label in GROUPS
        for members in [[b for b in BUTTONS if b.group == group_id]]
    ]
    return {"tab": TAB, "groups": groups, "logo": f"{ICONS}/logo", "pane_icon": f"{ICONS}/pane"}


def buttons_json() -> list[dict[str, str]]:
    """What the task pane's script needs: each ribbon function and the script it runs."""
    return [{"function": function_name(b.id), "script": b.id, "label": b.label} for b in BUTTONS]

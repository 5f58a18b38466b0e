"""An ASGI wrapper around xlwings Server: only our scripts are reachable, and a script call
never ends in a lost response.

xlwings Server runs `getattr(custom_scripts, name)` for any name in
POST /xlwings/custom-scripts-call/{name}, so anything importable from that module could be
called; and an exception in a script becomes HTTP 500, which Excel shows as a bare error with
the officer's alert lost. Here a script name that is not one of ours is 404 before xlwings sees
it; the custom-functions endpoint (we have none) is 404 too; and a 500 from a script call is
replaced by an alert with a reference, logged with the same reference.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Awaitable, Callable, Collection, MutableMapping
from typing import Any

from addin.excel.officer_action import TITLE
from addin.server.press import internal_error_message

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger("addin.server")


def alert_actions(message: str) -> dict[str, Any]:
    """The response xlwings' client applies: one alert, as the remote engine writes it."""
    action = {
        "func": "alert",
        "args": [message, TITLE, "ok", "critical", ""],
        "values": None,
        "sheet_position": None,
        "start_row": None,
        "start_column": None,
        "row_count": None,
        "column_count": None,
    }
    return {"actions": [action]}


class Guard:
    def __init__(self, app: App, scripts: Collection[str], app_path: str = "") -> None:
        self.app = app
        self.scripts = frozenset(scripts)
        self.script_prefix = f"{app_path}/xlwings/custom-scripts-call/"
        self.blocked = {f"{app_path}/xlwings/custom-functions-call"}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if path in self.blocked:
            return await self._not_found(send)
        if not path.startswith(self.script_prefix):
            return await self.app(scope, receive, send)
        if path[len(self.script_prefix) :] not in self.scripts:
            return await self._not_found(send)
        await self._script_call(scope, receive, send)

    async def _script_call(self, scope: Scope, receive: Receive, send: Send) -> None:
        failed = False
        reference = ""

        async def replacing_500(message: Message) -> None:
            nonlocal failed, reference
            if message["type"] == "http.response.start" and message["status"] >= 500:
                failed, reference = True, secrets.token_hex(4).upper()
                log.error(
                    "CCIN DPS: %s answered %s, reference %s",
                    scope["path"],
                    message["status"],
                    reference,
                )
                return
            if failed:
                if message["type"] == "http.response.body" and not message.get("more_body"):
                    await self._json(send, alert_actions(internal_error_message(reference)))
                return
            await send(message)

        try:
            await self.app(scope, receive, replacing_500)
        except Exception:
            # Starlette re-raises after sending its 500 page, which was replaced above.
            if not failed:
                raise
            log.exception("CCIN DPS: reference %s", reference)

    @staticmethod
    async def _json(send: Send, data: dict[str, Any], status: int = 200) -> None:
        body = json.dumps(data).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _not_found(self, send: Send) -> None:
        await self._json(send, {"detail": "Not Found"}, status=404)

"""One press on the server, in process: the pane's report, off the event loop, never a lost alert.

(tests/server/test_http.py drives the same through a real server process.)
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import xlwings as xw
from openpyxl import load_workbook

from addin.demo import sample
from addin.excel import dispatch
from addin.server import press
from addin.server.access import SignedIn
from tests.builders import CRITERIA, build_workbook, edit, scored_workbook
from tests.excel.payloads import FakeExcel, payload
from tests.server.test_settings import PROD

ANONYMOUS: SignedIn = type(
    "Anonymous", (), {"id": "n/a", "name": "Anonymous", "email": None, "domain": None, "claims": {}}
)()


@pytest.fixture(autouse=True)
def dev_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    monkeypatch.setenv("XLWINGS_ENVIRONMENT", "dev")
    monkeypatch.setenv("CCIN_DPS_FIXED_TIME", "2026-11-16 10:00")
    monkeypatch.setenv("CCIN_DPS_DOWNLOAD_DIR", str(downloads))
    press.settings.cache_clear()
    press.downloads.cache_clear()
    yield downloads
    press.settings.cache_clear()
    press.downloads.cache_clear()


def book_of(path: Path) -> xw.Book:
    return xw.Book(json=payload(load_workbook(path), "competition.xlsx"))


def pressed(button_id: str, book: xw.Book) -> list[dict[str, Any]]:
    asyncio.run(press.press(button_id, book, ANONYMOUS))
    return list(book.json()["actions"])


def pane_of(actions: list[dict[str, Any]]) -> dict[str, Any]:
    last = actions[-1]
    assert last["func"] == "runMacro" and last["args"][0] == press.PANE_CALLBACK
    return dict(last["args"][1])


def test_validate_lists_its_problems_for_the_pane_with_their_cells(tmp_path: Path) -> None:
    book = book_of(build_workbook(tmp_path, criteria=edit(CRITERIA, 2, {"Weight %": 10})))
    report = pane_of(pressed("validate", book))
    assert report["button"] == "Validate" and report["critical"]
    (weights,) = [p for p in report["problems"] if p["code"] == "WEIGHTS_NOT_100"]
    assert weights["severity"] == "error" and "now 95" in weights["message"]
    assert weights["places"] == [
        {"sheet": "Criteria", "address": "D4:D8", "label": "Criteria!D4:D8"}
    ]


def test_a_refusal_s_problems_become_entries_with_its_hint(tmp_path: Path) -> None:
    fields = sample.competition_fields(date(2026, 11, 16))  # the fixed clock's invitation day
    path = build_workbook(tmp_path, fields=fields, criteria=edit(CRITERIA, 2, {"Weight %": 10}))
    book = book_of(path)
    report = pane_of(pressed("launch", book))
    assert [p["code"] for p in report["problems"]] == ["WEIGHTS_NOT_100"]
    (weights,) = report["problems"]
    assert weights["places"] == [
        {"sheet": "Criteria", "address": "D4:D8", "label": "Criteria!D4:D8"}
    ]
    assert weights["hint"] == "Fix each error in the cell named, then launch again."


def test_letters_are_offered_as_one_download(tmp_path: Path, dev_server: Path) -> None:
    report = pane_of(pressed("letters", book_of(scored_workbook(tmp_path))))
    (download,) = report["downloads"]
    assert download["name"] == "CCIN-2026-014 letters.zip"
    assert download["url"].startswith("/ccin-dps/download/")
    token = download["url"].rsplit("/", 1)[1]
    assert (dev_server / token / "CCIN-2026-014 letters.zip").is_file()
    assert [p.name for p in dev_server.iterdir()] == [token]  # the work folder is gone


def test_an_unexpected_exception_is_an_internal_error_alert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(dispatch, "run_button", broken)
    actions = pressed("score", book_of(build_workbook(tmp_path)))
    assert [a["func"] for a in actions] == ["alert", "runMacro"]
    message = actions[0]["args"][0]
    assert message.startswith("Internal error in the CCIN DPS add-in — please report it")
    reference = message.split("reference ")[1][:8]
    assert f"reference {reference}" in caplog.text and "RuntimeError: a bug" in caplog.text


def test_a_long_action_does_not_hold_up_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real = dispatch.run_button

    def slow_on_launch(button_id: str, *args: Any) -> Any:
        if button_id == "launch":
            release.wait(timeout=60)  # a safety net only: the test releases it
        return real(button_id, *args)

    monkeypatch.setattr(dispatch, "run_button", slow_on_launch)
    path = build_workbook(tmp_path)

    async def both() -> bool:
        long = asyncio.create_task(press.press("launch", book_of(path), ANONYMOUS))
        await asyncio.sleep(0)  # let it start
        await press.press("validate", book_of(path), ANONYMOUS)
        still_running = not long.done()
        release.set()
        await long
        return still_running

    assert asyncio.run(both())


@dataclass
class Officer:
    name: str | None = "Jo Bloggs"
    email: str | None = "jo.bloggs@council.example"
    domain: str | None = "council.example"
    id: str | None = "oid-1"
    claims: dict[str, Any] = field(default_factory=dict)


@pytest.fixture
def signed_in(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in PROD.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("CCIN_DPS_FIXED_TIME")
    monkeypatch.setattr(press, "uk_now", lambda: datetime(2026, 11, 16, 10, 0))
    press.settings.cache_clear()


def test_with_sign_in_the_audit_trail_names_who_pressed(tmp_path: Path, signed_in: None) -> None:
    path = build_workbook(tmp_path, fields=sample.competition_fields(date(2026, 11, 16)))
    excel = FakeExcel.open(path)
    book = book_of(path)
    asyncio.run(press.press("launch", book, Officer()))
    excel.apply(book.json()["actions"][:-1])
    audit = excel.book["Audit"]
    assert [audit.cell(4, c).value for c in (2, 3)] == [
        "Jo Bloggs (jo.bloggs@council.example)",
        "Launched",
    ]


def test_someone_not_allowed_gets_an_alert_and_nothing_runs(
    tmp_path: Path, signed_in: None
) -> None:
    outsider = Officer(email="x@elsewhere.example", domain="elsewhere.example")
    actions = pressed_by("launch", book_of(build_workbook(tmp_path)), outsider)
    (alert,) = actions
    assert alert["func"] == "alert"
    assert "is not allowed to use the CCIN DPS add-in" in alert["args"][0]


def pressed_by(button_id: str, book: xw.Book, user: SignedIn) -> list[dict[str, Any]]:
    asyncio.run(press.press(button_id, book, user))
    return list(book.json()["actions"])

"""The real server process, over HTTP: every button, the guard, the manifest and its icons.

One `dps serve` (uvicorn) on a free local port, development settings without sign-in and a
fixed clock (2026-11-16 10:00, the sample's panel day). Payloads are built from real workbooks
as the xlwings Server 1.20 client sends them (tests/excel/payloads.py); each button's actions
must equal what `dispatch.run_json` returns in this process, plus the task pane's report.
Skipped where the server extra cannot be installed (Python 3.10).
"""

from __future__ import annotations

import io
import json
import os
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook

from addin.demo import sample
from addin.excel.buttons import BUTTONS, GROUPS
from addin.excel.context import ActionContext
from addin.excel.dispatch import run_json
from tests.builders import (
    CRITERIA,
    bids_in_workbook,
    build_workbook,
    edit,
    marked_workbook,
    moderated_workbook,
    scored_workbook,
)
from tests.excel.payloads import payload

pytest.importorskip(
    "xlwings_server", reason="xlwings Server (the server extra) needs Python 3.11 or later"
)

NOW = datetime(2026, 11, 16, 10, 0)
OFFICE = "{http://schemas.microsoft.com/office/appforoffice/1.1}"
OVERRIDES = "{http://schemas.microsoft.com/office/taskpaneappversionoverrides}"
BT = "{http://schemas.microsoft.com/office/officeappbasictypes/1.0}"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


@dataclass
class Server:
    url: str
    log: Path

    def get(self, path: str) -> tuple[int, str, bytes]:
        try:
            with urllib.request.urlopen(self.url + path) as response:
                return response.status, response.headers["content-type"], response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers["content-type"], error.read()

    def post(self, path: str, body: bytes) -> tuple[int, Any]:
        request = urllib.request.Request(
            self.url + path, body, {"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(request) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def press(self, button_id: str, data: dict[str, Any]) -> list[dict[str, Any]]:
        status, answer = self.post(
            f"/xlwings/custom-scripts-call/{button_id}", json.dumps(data).encode()
        )
        assert status == 200, answer
        return list(answer["actions"])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_ready(server: Server, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120  # a bound on start-up, not a measured assertion
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"dps serve stopped:\n{server.log.read_text()}")
        try:
            if server.get("/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"dps serve did not answer:\n{server.log.read_text()}")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("server")
    env_file = folder / ".env"
    env_file.write_text(
        "XLWINGS_LICENSE_KEY=noncommercial\nXLWINGS_ENVIRONMENT=dev\n"
        f"CCIN_DPS_FIXED_TIME={NOW:%Y-%m-%d %H:%M}\n"
    )
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("XLWINGS_", "CCIN_DPS_"))}
    port = free_port()
    started = Server(f"http://127.0.0.1:{port}", folder / "server.log")
    with started.log.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "addin.cli.main",
                "serve",
                "--env-file",
                str(env_file),
                "--port",
                str(port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=environ,
            cwd=folder,
        )
    try:
        wait_until_ready(started, process)
        yield started
    finally:
        process.terminate()
        process.wait(timeout=60)


def data_of(path: Path) -> dict[str, Any]:
    return payload(load_workbook(path), "competition.xlsx")


def in_process(button_id: str, data: dict[str, Any], documents: Path) -> list[dict[str, Any]]:
    documents.mkdir(exist_ok=True)
    return run_json(button_id, data, NOW, ActionContext(documents=documents))


def split_pane(actions: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    *workbook, last = actions
    assert last["func"] == "runMacro" and last["args"][0] == "ccinDpsShow"
    return workbook, last["args"][1]


# --- every button, the same actions as in process ------------------------------------------

Build = Callable[[Path], Path]
LAUNCHABLE = sample.competition_fields(date(2026, 11, 16))  # invited today, closing 30/11
WORKBOOKS: dict[str, Build] = {
    "validate": lambda tmp: build_workbook(tmp, criteria=edit(CRITERIA, 2, {"Weight %": 10})),
    "launch": lambda tmp: build_workbook(tmp, fields=LAUNCHABLE),
    "accept_late": bids_in_workbook,  # the first press adds the Late bids sheet
    "evaluators": bids_in_workbook,
    "moderate": marked_workbook,
    "score": moderated_workbook,
    "letters": scored_workbook,
    "award": scored_workbook,
    "report": scored_workbook,
    "abandon": scored_workbook,
}


def test_every_button_is_driven_here() -> None:
    assert list(WORKBOOKS) == [b.id for b in BUTTONS]


@pytest.mark.parametrize("button_id", list(WORKBOOKS))
def test_each_button_returns_the_in_process_actions_and_a_pane_report(
    server: Server, tmp_path: Path, button_id: str
) -> None:
    data = data_of(WORKBOOKS[button_id](tmp_path))
    workbook_actions, report = split_pane(server.press(button_id, data))
    expected = in_process(button_id, data, tmp_path / "documents")
    assert workbook_actions == expected
    assert [a["func"] for a in expected].count("alert") == 1
    assert report["message"] == next(a["args"][0] for a in expected if a["func"] == "alert")
    assert report["button"] == next(b.label for b in BUTTONS if b.id == button_id)


def test_validate_s_pane_entries_name_the_cells_to_select(server: Server, tmp_path: Path) -> None:
    _, report = split_pane(server.press("validate", data_of(WORKBOOKS["validate"](tmp_path))))
    (weights,) = [p for p in report["problems"] if p["code"] == "WEIGHTS_NOT_100"]
    assert weights["places"] == [
        {"sheet": "Criteria", "address": "D4:D8", "label": "Criteria!D4:D8"}
    ]


def test_letters_download_once_as_a_zip_of_the_letters_and_the_notice(
    server: Server, tmp_path: Path
) -> None:
    _, report = split_pane(server.press("letters", data_of(scored_workbook(tmp_path))))
    (download,) = report["downloads"]
    status, kind, body = server.get(download["url"])
    assert status == 200 and kind == "application/zip"
    with zipfile.ZipFile(io.BytesIO(body)) as zf:
        names = sorted(zf.namelist())
        letter = Document(io.BytesIO(zf.read(next(n for n in names if "unsuccessful" in n))))
    assert names == sorted(
        [
            "Letters/CCIN-2026-014_award_notice-to-Oldham.txt",
            "Letters/CCIN-2026-014_CCIN-001_unsuccessful.docx",
            "Letters/CCIN-2026-014_CCIN-002_unsuccessful.docx",
            "Letters/CCIN-2026-014_CCIN-003_successful.docx",
            "Letters/CCIN-2026-014_CCIN-004_not-evaluated.docx",
        ]
    )
    assert "CCIN-2026-014" in "\n".join(p.text for p in letter.paragraphs)
    assert server.get(download["url"])[0] == 404  # used once


def test_the_report_downloads_as_its_docx(server: Server, tmp_path: Path) -> None:
    _, report = split_pane(server.press("report", data_of(scored_workbook(tmp_path))))
    (download,) = report["downloads"]
    assert download["name"] == "CCIN-2026-014 evaluation report.docx"
    status, kind, body = server.get(download["url"])
    assert status == 200 and "wordprocessingml" in kind
    assert Document(io.BytesIO(body)).paragraphs


# --- what must not happen ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["press", "run_json", "__loader__", "evaluators_x"])
def test_a_name_that_is_not_a_button_s_script_is_not_reachable(server: Server, name: str) -> None:
    status, _ = server.post(f"/xlwings/custom-scripts-call/{name}", b"{}")
    assert status == 404


def test_the_custom_functions_endpoint_is_closed(server: Server) -> None:
    assert server.post("/xlwings/custom-functions-call", b"{}")[0] == 404


def test_a_failing_action_returns_an_internal_error_alert(server: Server, tmp_path: Path) -> None:
    data = data_of(build_workbook(tmp_path))
    data["sheets"][1]["tables"][0]["range_address"] = "not a range"  # breaks the live reader
    actions = server.press("validate", data)
    message = actions[0]["args"][0]
    assert actions[0]["func"] == "alert" and message.startswith("Internal error in the CCIN DPS")
    assert f"reference {message.split('reference ')[1][:8]}" in server.log.read_text()


def test_a_request_xlwings_cannot_read_still_gets_an_alert(server: Server) -> None:
    status, answer = server.post("/xlwings/custom-scripts-call/validate", b'{"client": 1}')
    assert status == 200
    (action,) = answer["actions"]
    assert action["func"] == "alert" and "please report it" in action["args"][0]


# --- the manifest -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def manifest(server: Server) -> ET.Element:
    status, _, body = server.get("/manifest")
    assert status == 200
    return ET.fromstring(body)


def strings(manifest: ET.Element) -> dict[str, str]:
    return {
        s.get("id", ""): s.get("DefaultValue", "")
        for kind in ("ShortStrings", "LongStrings")
        for s in manifest.iter(f"{BT}{kind}")
        for s in s
    }


def test_the_manifest_has_the_ccin_dps_tab_with_the_xlam_s_groups_and_buttons(
    manifest: ET.Element,
) -> None:
    text = strings(manifest)
    (tab,) = manifest.iter(f"{OVERRIDES}CustomTab")
    assert text[tab.find(f"{OVERRIDES}Label").get("resid")] == "CCIN DPS [dev]"  # type: ignore[union-attr]
    groups = tab.findall(f"{OVERRIDES}Group")
    assert [text[g.find(f"{OVERRIDES}Label").get("resid")] for g in groups] == [  # type: ignore[union-attr]
        label for _, label in GROUPS
    ]
    controls = [
        (g.find(f"{OVERRIDES}Label").get("resid"), c)  # type: ignore[union-attr]
        for g in groups
        for c in g.findall(f"{OVERRIDES}Control")
    ]
    buttons = [(text[g], c) for g, c in controls if c.get("id") != "CcinDps.pane"]
    assert [c.get("id") for _, c in buttons] == [f"CcinDps.{b.id}" for b in BUTTONS]
    labels = dict(GROUPS)
    for (group, control), spec in zip(buttons, BUTTONS, strict=True):
        tip = control.find(f"{OVERRIDES}Supertip")
        assert group == labels[spec.group]
        assert text[control.find(f"{OVERRIDES}Label").get("resid")] == spec.label  # type: ignore[union-attr]
        assert text[tip.find(f"{OVERRIDES}Title").get("resid")] == spec.screentip  # type: ignore[union-attr]
        assert text[tip.find(f"{OVERRIDES}Description").get("resid")] == spec.supertip  # type: ignore[union-attr]


def test_every_ribbon_function_is_bound_to_one_of_our_scripts(
    server: Server, manifest: ET.Element
) -> None:
    functions = [f.text for f in manifest.iter(f"{OVERRIDES}FunctionName")]
    _, _, page = server.get("/taskpane.html")
    listed = page.decode().split('<script id="ccin-dps-buttons" type="application/json">')[1]
    bound = {b["function"]: b["script"] for b in json.loads(listed.split("</script>")[0])}
    assert functions == list(bound)
    _, _, meta = server.get("/xlwings/custom-scripts-meta.json")
    scripts = {m["function_name"] for m in json.loads(meta)}
    assert sorted(bound.values()) == sorted(scripts) == sorted(b.id for b in BUTTONS)
    _, _, ribbon_js = server.get("/static/js/ribbon.js")
    assert b"Office.actions.associate(button.function" in ribbon_js


def test_every_icon_the_manifest_names_is_served_as_a_png_of_its_size(
    server: Server, manifest: ET.Element
) -> None:
    images = {i.get("id"): i for i in manifest.iter(f"{BT}Image") if i.get("DefaultValue")}
    sized = [(i.get("DefaultValue", ""), int(rid.rsplit(".", 1)[1])) for rid, i in images.items()]
    sized += [
        (manifest.find(f"{OFFICE}IconUrl").get("DefaultValue", ""), 32),  # type: ignore[union-attr]
        (manifest.find(f"{OFFICE}HighResolutionIconUrl").get("DefaultValue", ""), 64),  # type: ignore[union-attr]
    ]
    assert len(sized) == 3 * (len(BUTTONS) + len(GROUPS) + 1) + 2
    for url, size in sized:
        assert url.startswith(server.url)
        status, kind, body = server.get(url.removeprefix(server.url))
        assert (status, kind) == (200, "image/png"), url
        assert struct.unpack(">II", body[16:24]) == (size, size), url


def test_the_support_page_is_ours(server: Server, manifest: ET.Element) -> None:
    url = manifest.find(f"{OFFICE}SupportUrl").get("DefaultValue", "")  # type: ignore[union-attr]
    status, kind, body = server.get(url.removeprefix(server.url))
    assert status == 200 and kind.startswith("text/html") and b"CCIN DPS add-in" in body
    assert b"xlwings.org" not in ET.tostring(manifest)

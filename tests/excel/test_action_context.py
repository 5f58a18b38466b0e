"""What the caller tells an action: who pressed the button and where its documents go.

Desktop Excel passes nothing (tests/excel/test_actions.py); xlwings Server passes the signed-in
user and a private folder whose files it offers as downloads. These run through `run_json`.
"""

from __future__ import annotations

from pathlib import Path

import xlwings as xw
from openpyxl import load_workbook

from addin.excel import actions, dispatch
from addin.excel.context import ActionContext
from addin.workbook.reader import read_tables
from tests.builders import LAUNCH_TIME, PANEL_DAY, build_workbook, scored_workbook
from tests.excel.payloads import FakeExcel, payload

SIGNED_IN = "Jo Bloggs (jo.bloggs@council.example)"


def audit_rows(excel: FakeExcel) -> list[tuple[object, ...]]:
    sheet = excel.book["Audit"]
    return [tuple(c.value for c in row[:4]) for row in sheet.iter_rows(min_row=4)]


def test_the_signed_in_user_is_who_in_the_audit_trail(tmp_path: Path) -> None:
    excel = FakeExcel.open(build_workbook(tmp_path))
    excel.press("launch", LAUNCH_TIME, ActionContext(officer=SIGNED_IN))
    (row,) = audit_rows(excel)
    assert row[1:3] == (SIGNED_IN, "Launched")  # not the Officer name typed on Competition


def test_without_a_signed_in_user_who_is_the_competition_s_officer(tmp_path: Path) -> None:
    excel = FakeExcel.open(build_workbook(tmp_path))
    excel.press("launch", LAUNCH_TIME, ActionContext())
    assert audit_rows(excel)[0][1:3] == ("Sam Patel", "Launched")


def test_letters_for_download_are_logged_by_their_place_in_the_download(tmp_path: Path) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    excel = FakeExcel.open(scored_workbook(tmp_path))
    book = xw.Book(json=payload(excel.book, excel.name))
    outcome = dispatch.run_button(
        "letters", book, PANEL_DAY, ActionContext(officer=SIGNED_IN, documents=documents)
    )
    excel.apply(book.json()["actions"])
    book.close()

    assert outcome is not None and outcome.bundle == "CCIN-2026-014 letters.zip"
    assert sorted(p.relative_to(documents).as_posix() for p in outcome.files) == sorted(
        ["Letters/CCIN-2026-014_award_notice-to-Oldham.txt"]
        + [f"Letters/{p.name}" for p in (documents / "Letters").glob("*.docx")]
    )
    assert excel.alerts[0].startswith(
        "4 outcome letter(s) are ready: download CCIN-2026-014 letters.zip from the CCIN DPS "
        "task pane"
    )
    logged = read_tables(excel.save(tmp_path / "after.xlsx")).tables["tblLetters"].rows
    assert [r["File"] for r in logged] == [
        f"Letters/{p.name}" for p in outcome.files if p.suffix == ".docx"
    ]
    issued = [r for r in audit_rows(excel) if r[2] == "Letters issued"]
    assert issued[0][1] == SIGNED_IN and " in Letters; winner " in str(issued[0][3])
    assert str(documents) not in str(audit_rows(excel))  # no server path in the record


def test_the_report_for_download_goes_to_the_documents_folder(tmp_path: Path) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    excel = FakeExcel.open(scored_workbook(tmp_path))
    excel.press("report", PANEL_DAY, ActionContext(documents=documents))
    assert (documents / "CCIN-2026-014 evaluation report.docx").is_file()
    assert excel.alerts == [
        "Evaluation report is ready: download CCIN-2026-014 evaluation report.docx from the "
        "CCIN DPS task pane (the link works once, for one hour)."
    ]


def test_an_alert_goes_to_its_own_book_when_another_was_opened_since(tmp_path: Path) -> None:
    # The remote engine's App.alert writes to the book opened last: on a server acting for
    # two officers at once, the other officer's.
    data = payload(load_workbook(build_workbook(tmp_path)), "competition.xlsx")
    first, second = xw.Book(json=data), xw.Book(json=data)
    actions.alert(first, "for the first officer")
    assert [a["args"][0] for a in first.json()["actions"]] == ["for the first officer"]
    assert second.json()["actions"] == []
    first.close()
    second.close()

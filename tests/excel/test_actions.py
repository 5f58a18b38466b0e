"""Every ribbon action, driven through xlwings' JSON protocol without Excel.

Each test builds a workbook by code, presses a button through `run_json` (see payloads.py) and
checks what Excel is told to do. Where a CLI service exists for the same step, the workbook the
live actions leave behind is compared, table by table and cell by cell, with what the service
writes to a copy of the file: the same service behind both doors gives the same workbook.
"""

from __future__ import annotations

import logging
import shutil
from datetime import datetime, time
from pathlib import Path

import pytest
import xlwings as xw
from openpyxl import load_workbook

from addin.demo import sample
from addin.domain.problems import Problem, Severity
from addin.excel import abandon_sheet, actions, dispatch, highlights, late_bids, tie_break
from addin.excel.buttons import BUTTONS
from addin.presentation import split_place
from addin.services.evaluation import create_evaluator_tabs, moderate, score
from addin.services.late_bids import accept_late_bids
from addin.services.launch import launch
from addin.services.letters import write_letters
from addin.services.validate import validate_workbook
from addin.workbook.file_workbook import FileWorkbook
from addin.workbook.reader import read_tables
from addin.workbook.tables_read import WorkbookTables
from tests.builders import (
    AFTER_CLOSING,
    CRITERIA,
    EVALUATORS,
    LAUNCH_TIME,
    PANEL_DAY,
    TODAY,
    bids_in_workbook,
    build_workbook,
    edit,
    launched_workbook,
    make_tie,
    marked_workbook,
    moderated_workbook,
    scored_workbook,
)
from tests.excel.payloads import Applied, FakeExcel, payload

NOW = datetime.combine(TODAY, time(9, 0))
RED, AMBER = "#FFC7CE", "#FFEB9C"
WEIGHTS_95 = edit(CRITERIA, 2, {"Weight %": 10})


def colours(done: list[Applied]) -> list[tuple[str | None, str | None, object]]:
    return [(a.sheet, a.address, a.args[0]) for a in done if a.func == "setRangeColor"]


def writes_to(done: list[Applied], sheet: str) -> list[Applied]:
    return [a for a in done if a.sheet == sheet and a.func == "setValues"]


def status_of(tables: WorkbookTables) -> object:
    rows = tables.tables["tblCompetition"].rows
    return next(r["Value"] for r in rows if r["Field"] == "Status")


def copy(path: Path, name: str) -> Path:
    return Path(shutil.copy(path, path.with_name(name)))


def assert_same_workbook(
    file: Path, live: Path, extra: tuple[str, ...] = (), extra_sheets: tuple[str, ...] = ()
) -> None:
    """Every table of `file` is in `live` with the same rows in the same cells."""
    by_file, by_live = read_tables(file), read_tables(live)
    assert set(by_live.tables) == set(by_file.tables) | set(extra)
    for name, table in by_file.tables.items():
        assert by_live.tables[name].rows == table.rows, name
        assert by_live.layout.tables[name] == by_file.layout.tables[name], name
    ribbon_only = (highlights.STATE_SHEET, actions.EVALUATORS_SHEET, *extra_sheets)
    live_sheets = [s for s in load_workbook(live).sheetnames if s not in ribbon_only]
    assert live_sheets == load_workbook(file).sheetnames


# --- the buttons and the dispatcher ------------------------------------------------------------


def test_every_button_has_its_action() -> None:
    for b in BUTTONS:
        assert callable(getattr(actions, b.action, None)), b.action


def test_every_button_id_dispatches_to_its_action(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    called: list[str] = []
    for b in BUTTONS:
        monkeypatch.setattr(
            actions, b.action, lambda book, now, context, name=b.action: called.append(name)
        )
    data = payload(load_workbook(build_workbook(tmp_path)), "competition.xlsx")
    for b in BUTTONS:
        assert dispatch.run_json(b.id, data, NOW) == []
    assert called == [b.action for b in BUTTONS]


def test_on_button_acts_on_the_calling_workbook(tmp_path: Path) -> None:
    book = xw.Book(json=payload(load_workbook(build_workbook(tmp_path)), "competition.xlsx"))
    book.set_mock_caller()
    try:
        dispatch.on_button("validate")
    finally:
        del xw.Book._mock_caller
    (action,) = book.json()["actions"]
    assert action["func"] == "alert" and "no problems found" in action["args"][0]
    book.close()


def test_an_unknown_button_is_an_alert(tmp_path: Path) -> None:
    data = payload(load_workbook(build_workbook(tmp_path)), "competition.xlsx")
    (action,) = dispatch.run_json("nope", data, NOW)
    assert action["func"] == "alert" and "no button 'nope'" in action["args"][0]


# --- validate ----------------------------------------------------------------------------------


def test_validate_a_clean_workbook_highlights_nothing(tmp_path: Path) -> None:
    excel = FakeExcel.open(build_workbook(tmp_path))
    done = excel.press("validate", NOW)
    assert [a.func for a in done] == ["alert"]
    assert excel.alerts == ["competition.xlsx: no problems found."]


def test_validate_highlights_the_weights_and_a_clean_run_clears_them(tmp_path: Path) -> None:
    excel = FakeExcel.open(build_workbook(tmp_path, criteria=WEIGHTS_95))
    done = excel.press("validate", NOW)
    assert colours(done) == [("Criteria", "D4:D8", RED)]
    assert "WEIGHTS_NOT_100 Criteria!D4:D8: Weights must total 100 % (now 95 %)" in excel.alerts[0]
    assert excel.book[highlights.STATE_SHEET].sheet_state == "hidden"

    excel.book["Criteria"]["D6"] = CRITERIA[2]["Weight %"]  # the officer fixes the weight
    done = excel.press("validate", NOW)
    assert colours(done) == [("Criteria", "D4:D8", None)]
    assert excel.alerts[1] == "competition.xlsx: no problems found."
    assert excel.book["Criteria"]["D4"].fill.fill_type is None
    # Nothing left to clear: a third run touches nothing.
    assert [a.func for a in excel.press("validate", NOW)] == ["alert"]


def test_warnings_are_amber_and_errors_win_where_both_fall(tmp_path: Path) -> None:
    marks = [highlights.Mark("Bids!B4", False), highlights.Mark("Bids!B4", True)]
    excel = FakeExcel.open(build_workbook(tmp_path))
    book = xw.Book(json=payload(excel.book, "competition.xlsx"))
    highlights.show(book, marks)
    done = excel.apply(book.json()["actions"])
    assert colours(done) == [("Bids", "B4:B4", AMBER), ("Bids", "B4:B4", RED)]
    book.close()


def test_the_marks_are_the_cells_the_problem_objects_name() -> None:
    problem = Problem(
        code="NEEDS_MODERATION",
        severity=Severity.WARNING,
        message="Scores differ, by 2 points.",
        cells=("'Eval A. Khan'!E10", "'Eval A. Khan'!E11", "Bids!C4"),
    )
    assert highlights.marks_for([problem]) == [
        highlights.Mark("'Eval A. Khan'!E10:E11", False),
        highlights.Mark("Bids!C4", False),
    ]
    assert split_place("'Eval A. Khan'!E10:E11") == ("Eval A. Khan", "E10:E11")
    assert split_place("tblBids[Price]") is None


def test_long_reports_fit_in_a_message_box() -> None:
    text = actions.fit("Head", [f"line {i} " + "x" * 60 for i in range(40)], "Do this.")
    assert len(text) <= actions.ALERT_LIMIT + len("\n\n")
    assert "more, highlighted in the workbook." in text and text.endswith("\n\nDo this.")


# --- launch ------------------------------------------------------------------------------------


def test_launch_writes_what_the_cli_writes(tmp_path: Path) -> None:
    path = build_workbook(tmp_path)
    by_file = copy(path, "file.xlsx")
    excel = FakeExcel.open(path)
    done = excel.press("launch", LAUNCH_TIME)
    assert [a.values for a in writes_to(done, "Competition")] == [[["Launched"]]]
    (audit,) = writes_to(done, "Audit")
    assert audit.values and audit.values[0][:3] == ["2026-10-27 09:00:00", "Sam Patel", "Launched"]
    assert [a.args[0] for a in done if a.func == "addSheet"] == [8]  # Lock, before Audit
    assert excel.book["Lock"].sheet_state == "hidden"
    assert excel.alerts[0].startswith("competition.xlsx is launched. Criteria locked")

    live = excel.save(tmp_path / "live.xlsx")
    launch(FileWorkbook(by_file), "Sam Patel", LAUNCH_TIME)
    assert_same_workbook(by_file, live)
    # The file adapter accepts the live launch: fingerprint, lock record and audit chain.
    assert validate_workbook(live, TODAY).problems == []


def test_launching_twice_is_refused_without_writes(tmp_path: Path) -> None:
    excel = FakeExcel.open(launched_workbook(tmp_path))
    done = excel.press("launch", LAUNCH_TIME)
    assert [a.func for a in done] == ["alert"]
    assert excel.alerts[0].startswith(
        "launch refused: cannot launch a competition that is Launched"
    )


def test_launch_with_errors_highlights_them_and_launches_nothing(tmp_path: Path) -> None:
    excel = FakeExcel.open(build_workbook(tmp_path, criteria=WEIGHTS_95))
    done = excel.press("launch", LAUNCH_TIME)
    assert colours(done) == [("Criteria", "D4:D8", RED)]
    assert not writes_to(done, "Competition") and "Lock" not in excel.book.sheetnames
    assert "ERROR WEIGHTS_NOT_100 Criteria!D4:D8" in excel.alerts[0]
    assert excel.alerts[0].endswith("Fix each error in the cell named, then launch again.")


# --- evaluation --------------------------------------------------------------------------------


def test_evaluators_asks_for_names_then_makes_the_cli_s_tabs(tmp_path: Path) -> None:
    path = bids_in_workbook(tmp_path)
    by_file = copy(path, "file.xlsx")
    excel = FakeExcel.open(path)
    excel.press("evaluators", AFTER_CLOSING)
    assert "Evaluators sheet" in excel.alerts[0]
    sheet = excel.book[actions.EVALUATORS_SHEET]
    for row, name in enumerate(EVALUATORS, start=4):  # the officer types; the table grows
        sheet.cell(row, 1, name)
    sheet.tables["tblEvaluators"].ref = f"A3:A{3 + len(EVALUATORS)}"

    excel.press("evaluators", AFTER_CLOSING)
    assert excel.alerts[1].startswith("Evaluator tabs created for A. Khan, B. Lee, C. Osei")
    live = excel.save(tmp_path / "live.xlsx")
    create_evaluator_tabs(FileWorkbook(by_file), EVALUATORS, "Sam Patel", AFTER_CLOSING)
    assert_same_workbook(by_file, live, extra=("tblEvaluators",))


def test_evaluators_on_a_draft_is_refused_before_adding_a_sheet(tmp_path: Path) -> None:
    excel = FakeExcel.open(build_workbook(tmp_path))
    done = excel.press("evaluators", AFTER_CLOSING)
    assert [a.func for a in done] == ["alert"]
    assert "that is Draft" in excel.alerts[0]


def test_moderate_rebuilds_the_cli_s_moderation_sheet(tmp_path: Path) -> None:
    path = moderated_workbook(tmp_path)  # a second refresh: the agreed scores must survive
    by_file = copy(path, "file.xlsx")
    excel = FakeExcel.open(path)
    done = excel.press("moderate", PANEL_DAY)
    assert [a.func for a in done].count("sheetDelete") == 1
    assert "1 row(s) differ by 2 or more points" in excel.alerts[0]
    live = excel.save(tmp_path / "live.xlsx")
    moderate(FileWorkbook(by_file), "Sam Patel", PANEL_DAY)
    assert_same_workbook(by_file, live)
    shaded = [
        [c.fill.fill_type == "solid" for c in row]
        for row in load_workbook(live)["Moderation"].iter_rows(min_row=4)
    ]
    expected = [
        [c.fill.fill_type == "solid" for c in row]
        for row in load_workbook(by_file)["Moderation"].iter_rows(min_row=4)
    ]
    assert shaded == expected and any(any(row) for row in shaded)


def test_score_writes_the_cli_s_results(tmp_path: Path) -> None:
    path = moderated_workbook(tmp_path)
    by_file = copy(path, "file.xlsx")
    excel = FakeExcel.open(path)
    excel.press("score", PANEL_DAY)
    assert excel.alerts[0].startswith("Scored. Winner: Commons Policy Lab CIC (CCIN-003)")
    live = excel.save(tmp_path / "live.xlsx")
    result = score(FileWorkbook(by_file), "Sam Patel", PANEL_DAY).result
    assert_same_workbook(by_file, live)
    rows = read_tables(live).tables["tblResults"].rows
    assert [(r["Supplier ID"], r["Total"]) for r in rows] == [
        (b.supplier_id, float(b.total) if b.rank is not None else None) for b in result.bids
    ]


def test_a_refused_step_writes_nothing_it_had_queued(tmp_path: Path) -> None:
    # Scoring before any evaluator tab: the service marks the competition Closed, then refuses.
    excel = FakeExcel.open(bids_in_workbook(tmp_path))
    done = excel.press("score", AFTER_CLOSING)
    assert [a.func for a in done] == ["alert"]
    assert "there are no evaluator tabs yet" in excel.alerts[0]


def test_scoring_problems_are_listed_and_highlighted(tmp_path: Path) -> None:
    excel = FakeExcel.open(marked_workbook(tmp_path))
    done = excel.press("score", PANEL_DAY)
    assert "NEEDS_MODERATION" in excel.alerts[0]
    assert ("Eval A. Khan", "E10:E10", RED) in colours(done)
    assert not writes_to(done, "Audit")


# --- what goes wrong ---------------------------------------------------------------------------


def test_a_bug_is_an_alert_and_is_raised_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(actions.evaluation, "score", broken)
    data = payload(load_workbook(moderated_workbook(tmp_path)), "competition.xlsx")
    with caplog.at_level(logging.ERROR):
        (action,) = dispatch.run_json("score", data, PANEL_DAY)
    assert "bug in the add-in" in action["args"][0] and "ZeroDivisionError" in action["args"][0]
    assert "Nothing in the workbook was changed." in action["args"][0]
    assert "the score button failed" in caplog.text

    book = xw.Book(json=data)
    with pytest.raises(ZeroDivisionError):
        actions.score(book, PANEL_DAY)
    book.close()


@pytest.mark.parametrize("button_id", ["letters", "report", "abandon"])
def test_documents_need_the_workbook_saved_in_a_folder(tmp_path: Path, button_id: str) -> None:
    # An Office.js client sends only the workbook's name: there is no folder to write beside.
    excel = FakeExcel.open(scored_workbook(tmp_path))
    done = excel.press(button_id, PANEL_DAY)
    assert [a.func for a in done] == ["alert"]
    assert "is not saved in a folder on this computer" in excel.alerts[0]


# --- letters and the report, beside a workbook saved in a folder (as desktop Excel has it) ------


def test_letters_are_written_beside_the_workbook_and_logged_in_it(tmp_path: Path) -> None:
    (tmp_path / "live").mkdir()
    (tmp_path / "file").mkdir()
    path = scored_workbook(tmp_path / "live")
    by_file = Path(shutil.copy(path, tmp_path / "file" / path.name))
    excel = FakeExcel.open(path, name=str(path))
    excel.press("letters", PANEL_DAY)
    issued = write_letters(
        FileWorkbook(by_file), tmp_path / "file" / "Letters", "Sam Patel", PANEL_DAY
    )
    assert excel.alerts[0].startswith(f"4 outcome letter(s) written to {tmp_path / 'live'}")
    assert sorted(p.name for p in (tmp_path / "live" / "Letters").glob("*.docx")) == sorted(
        p.name for p in issued.letters
    )
    live = excel.save(tmp_path / "live" / "after.xlsx")
    logged = read_tables(live).tables["tblLetters"].rows
    expected = read_tables(by_file).tables["tblLetters"].rows
    assert [(r["Supplier ID"], r["Outcome"]) for r in logged] == [
        (r["Supplier ID"], r["Outcome"]) for r in expected
    ]
    fields = {r["Field"]: r["Value"] for r in read_tables(live).tables["tblCompetition"].rows}
    assert fields["Status"] == "Standstill"
    assert fields["Standstill end"] == datetime(2026, 11, 26, 23, 59, 59)
    assert validate_workbook(live, PANEL_DAY.date()).errors == []  # audit chain and lock intact


def _looks(path: Path, table: str) -> list[list[tuple[str, bool]]]:
    """Each data cell's number format and wrapping, row by row."""
    book = load_workbook(path)
    for sheet in book.worksheets:
        if table in sheet.tables:
            rows = sheet[sheet.tables[table].ref][1:]
            return [[(c.number_format, bool(c.alignment.wrap_text)) for c in r] for r in rows]
    raise AssertionError(f"no table {table}")


def test_the_letters_log_looks_the_same_from_the_ribbon_as_from_the_cli(tmp_path: Path) -> None:
    (tmp_path / "live").mkdir()
    (tmp_path / "file").mkdir()
    path = scored_workbook(tmp_path / "live")
    by_file = Path(shutil.copy(path, tmp_path / "file" / path.name))
    excel = FakeExcel.open(path, name=str(path))
    done = excel.press("letters", PANEL_DAY)
    write_letters(FileWorkbook(by_file), tmp_path / "file" / "Letters", "Sam Patel", PANEL_DAY)
    live = _looks(excel.save(tmp_path / "live" / "after.xlsx"), "tblLetters")
    assert live == _looks(by_file, "tblLetters")
    assert live[0] == [
        ("General", False),
        ("General", False),
        ("General", True),  # the file's path wraps
        ("dd/mm/yyyy", False),
        ("dd/mm/yyyy hh:mm", False),
        ("dd/mm/yyyy hh:mm:ss", False),
    ]
    title = [a.args for a in done if a.func == "setFontProperty" and a.sheet == "Letters"]
    assert ["name", "Calibri"] in title and ["size", 14] in title


def test_the_report_is_written_beside_the_workbook_and_changes_nothing(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    excel = FakeExcel.open(path, name=str(path))
    done = excel.press("report", PANEL_DAY)
    assert [a.func for a in done] == ["alert"]
    written = tmp_path / "CCIN-2026-014 evaluation report.docx"
    assert written.exists() and excel.alerts[0] == f"Evaluation report written to {written}."


def test_a_tie_for_first_is_settled_on_the_tie_break_sheet(tmp_path: Path) -> None:
    path = moderated_workbook(tmp_path)
    make_tie(path)
    excel = FakeExcel.open(path)
    done = excel.press("score", PANEL_DAY)
    assert excel.alerts[0].startswith("There is a tie for first place")
    assert "ERROR TIE_FOR_FIRST Bids!A4, Bids!A6: " in excel.alerts[0]
    assert colours(done) == [("Bids", "A4:A4", RED), ("Bids", "A6:A6", RED)]  # the tied bids
    sheet = excel.book[tie_break.SHEET]
    sheet["A4"], sheet["B4"] = "CCIN-003", "Higher score on Q2, the tie-break stated before launch"
    excel.press("score", PANEL_DAY)
    assert excel.alerts[1].startswith("Scored. Winner: Commons Policy Lab CIC (CCIN-003)")
    audit = excel.book["Audit"]
    actions_done = [audit.cell(r, 3).value for r in range(4, audit.max_row + 1)]
    assert actions_done[-2:] == ["Tie-break decision", "Scored"]
    excel.press("score", PANEL_DAY)  # re-scoring does not record the same decision again
    actions_again = [audit.cell(r, 3).value for r in range(4, audit.max_row + 1)]
    assert actions_again.count("Tie-break decision") == 1


# --- a late bid accepted from the Late bids sheet -----------------------------------------------


def test_a_late_bid_is_accepted_from_the_late_bids_sheet(tmp_path: Path) -> None:
    late, why = sample.LATE_BID_ACCEPTED
    path = bids_in_workbook(tmp_path)
    by_file = copy(path, "file.xlsx")
    excel = FakeExcel.open(path)
    excel.press("accept_late", AFTER_CLOSING)
    assert excel.alerts[0].startswith("Type each late bid to accept on the Late bids sheet")
    sheet = excel.book[late_bids.SHEET]
    sheet["A4"], sheet["B4"] = late, why
    excel.press("accept_late", AFTER_CLOSING)
    assert excel.alerts[1].startswith(f"Late bids:\nAccepted the late bid from {late}")
    live = excel.save(tmp_path / "live.xlsx")
    # The same service on the file records the same decision in the same audit rows.
    accept_late_bids(FileWorkbook(by_file), [(late, why)], "Sam Patel", AFTER_CLOSING)
    assert_same_workbook(by_file, live, extra=("tblLateBids",), extra_sheets=(late_bids.SHEET,))
    excel.press("accept_late", AFTER_CLOSING)  # pressing again records nothing more
    assert f"{late}: already accepted; nothing changed." in excel.alerts[2]


def test_accept_late_before_closing_is_refused_before_adding_a_sheet(tmp_path: Path) -> None:
    excel = FakeExcel.open(launched_workbook(tmp_path))
    done = excel.press("accept_late", LAUNCH_TIME)
    assert [a.func for a in done] == ["alert"]
    assert "bids must stay sealed" in excel.alerts[0]


# --- the award -----------------------------------------------------------------------------------


def test_award_asks_for_the_contract_then_records_what_the_cli_records(tmp_path: Path) -> None:
    from tests.builders import AFTER_STANDSTILL, STANDSTILL_END, standstill_workbook

    (tmp_path / "live").mkdir()
    path = standstill_workbook(tmp_path / "live")
    excel = FakeExcel.open(path, name=str(path))
    excel.press("award", STANDSTILL_END)
    assert "Type the date the contract was signed" in excel.alerts[0]
    sheet = excel.book["Award"]
    sheet["B4"], sheet["B5"], sheet["B6"] = datetime(2026, 12, 30), 52000, 62400

    done = excel.press("award", STANDSTILL_END)  # the standstill's last second
    assert [a.func for a in done] == ["alert"]
    assert "the standstill has not ended" in excel.alerts[1]

    excel.press("award", AFTER_STANDSTILL)
    assert excel.alerts[2].startswith("Awarded to Commons Policy Lab CIC.")
    assert "Find a Tender: due by 29/01/2027" in excel.alerts[2]
    live = excel.save(tmp_path / "live" / "after.xlsx")
    tables = read_tables(live).tables
    fields = {r["Field"]: r["Value"] for r in tables["tblCompetition"].rows}
    recorded = {r["Field"]: r["Value"] for r in tables["tblAward"].rows}
    assert fields["Status"] == "Awarded"
    assert (recorded["Supplier ID"], recorded["Value incl. VAT (GBP)"]) == ("CCIN-003", 62400)
    assert [r["Where"] for r in tables["tblPublication"].rows] == [
        "Find a Tender",
        "Contracts Finder",
    ]
    assert (tmp_path / "live" / "CCIN-2026-014_ocds.json").exists()
    assert validate_workbook(live, AFTER_STANDSTILL.date()).errors == []


def test_award_before_letters_is_refused_before_adding_a_sheet(tmp_path: Path) -> None:
    excel = FakeExcel.open(scored_workbook(tmp_path))
    done = excel.press("award", AFTER_CLOSING)
    assert [a.func for a in done] == ["alert"]
    assert "cannot award a competition that is Evaluated" in excel.alerts[0]


def test_abandon_asks_for_the_reason_then_does_what_the_cli_does(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    excel = FakeExcel.open(path, name=str(path))
    excel.press("abandon", PANEL_DAY)
    assert excel.alerts[0].startswith("Type the reason for not awarding on the Abandon sheet")
    assert not (tmp_path / "Letters").exists()
    excel.book[abandon_sheet.SHEET]["A4"] = "The pilot's funding was withdrawn"
    excel.press("abandon", PANEL_DAY)
    assert excel.alerts[1].startswith(
        f"The competition is abandoned. 4 letter(s) written to {tmp_path / 'Letters'}."
    )
    live = excel.save(tmp_path / "after.xlsx")
    fields = {r["Field"]: r["Value"] for r in read_tables(live).tables["tblCompetition"].rows}
    assert fields["Status"] == "Abandoned"
    audit = excel.book["Audit"]
    last = [(audit.cell(r, 3).value, audit.cell(r, 4).value) for r in (audit.max_row - 1,)]
    assert last == [("Abandoned", "The pilot's funding was withdrawn")]
    assert validate_workbook(live, PANEL_DAY.date()).errors == []  # audit chain and lock intact


def test_abandon_on_a_draft_is_refused_before_adding_a_sheet(tmp_path: Path) -> None:
    path = build_workbook(tmp_path)
    excel = FakeExcel.open(path, name=str(path))
    excel.press("abandon", PANEL_DAY)
    assert "cannot abandon a competition that is Draft" in excel.alerts[0]
    assert abandon_sheet.SHEET not in excel.book.sheetnames

"""Writes never corrupt or lose an officer's work."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.errors import WorkbookBusy, WouldLoseContent
from addin.services.launch import launch
from addin.workbook.file_workbook import FileWorkbook
from tests.builders import LAUNCH_TIME, build_workbook


def test_an_officers_other_sheets_and_formulas_survive(tmp_path: Path) -> None:
    path = build_workbook(tmp_path)
    book = load_workbook(path)
    notes = book.create_sheet("My notes")
    notes["A1"] = "Clarification questions"
    notes["B2"] = 41
    notes["B3"] = "=B2*2"
    book["Bids"]["H4"] = "Asked for a site visit"
    book.save(path)
    launch(FileWorkbook(path), "Sam Patel", LAUNCH_TIME)
    after = load_workbook(path)
    assert [after["My notes"][c].value for c in ("A1", "B2", "B3")] == [
        "Clarification questions",
        41,
        "=B2*2",
    ]
    assert after["Bids"]["H4"].value == "Asked for a site visit"


def test_a_backup_is_kept_and_no_temporary_file_left(tmp_path: Path) -> None:
    path = build_workbook(tmp_path)
    original = path.read_bytes()
    launch(FileWorkbook(path), "Sam Patel", LAUNCH_TIME)
    (backup,) = (tmp_path / "backups").iterdir()
    assert backup.name == "competition-20261027-090000.xlsx"
    assert backup.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backups", "competition.xlsx"]


def test_open_in_excel_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    path = build_workbook(tmp_path)
    (tmp_path / "~$competition.xlsx").write_bytes(b"owner")
    before = path.read_bytes()
    with pytest.raises(WorkbookBusy, match="open in Excel"):
        launch(FileWorkbook(path), "Sam Patel", LAUNCH_TIME)
    assert path.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write read-only files")
def test_read_only_is_refused(tmp_path: Path) -> None:
    path = build_workbook(tmp_path)
    path.chmod(0o444)
    with pytest.raises(WorkbookBusy, match="read-only"):
        launch(FileWorkbook(path), "Sam Patel", LAUNCH_TIME)


def _add_part(path: Path, name: str) -> None:
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(name, "<x/>")


@pytest.mark.parametrize(
    ("part", "label"),
    [
        ("xl/drawings/drawing1.xml", "pictures, charts or shapes"),
        ("xl/pivotTables/pivotTable1.xml", "pivot tables"),
        ("xl/externalLinks/externalLink1.xml", "links to other workbooks"),
        ("xl/vbaProject.bin", "macros"),
    ],
)
def test_parts_openpyxl_would_drop_stop_an_in_place_save(
    tmp_path: Path, part: str, label: str
) -> None:
    path = build_workbook(tmp_path)
    _add_part(path, part)
    before = path.read_bytes()
    with pytest.raises(WouldLoseContent, match=label) as caught:
        launch(FileWorkbook(path), "Sam Patel", LAUNCH_TIME)
    assert "--output NEW.xlsx" in caught.value.hint
    assert path.read_bytes() == before
    copy = tmp_path / "launched copy.xlsx"
    launch(FileWorkbook(path, copy), "Sam Patel", LAUNCH_TIME)
    assert load_workbook(copy)["Competition"]["B19"].value == "Launched"
    assert path.read_bytes() == before


def test_officer_data_survives_every_action(tmp_path: Path) -> None:
    """An officer's own sheet, formula and note outlive launch, extend, tabs, moderation,
    scoring and letters."""
    from datetime import datetime

    from addin.demo.officer import (
        confirm_pre_award,
        evaluators_score,
        panel_moderates,
        record_bids,
    )
    from addin.services.evaluation import create_evaluator_tabs, moderate, score
    from addin.services.launch import extend
    from addin.services.letters import write_letters
    from tests.builders import AFTER_CLOSING, EVALUATORS, PANEL_DAY

    path = build_workbook(tmp_path)
    book = load_workbook(path)
    notes = book.create_sheet("My notes")
    notes["A1"], notes["B2"], notes["B3"] = "Clarifications", 41, "=B2*2"
    book["Members"]["N3"] = "Officer's own column"
    book.save(path)

    def kept() -> None:
        after = load_workbook(path)
        assert [after["My notes"][c].value for c in ("A1", "B2", "B3")] == [
            "Clarifications",
            41,
            "=B2*2",
        ]
        assert after["Members"]["N3"].value == "Officer's own column"

    launch(FileWorkbook(path), "Sam Patel", LAUNCH_TIME)
    kept()
    extend(
        FileWorkbook(path), datetime(2026, 11, 11, 15), "Portal outage", None, datetime(2026, 11, 2)
    )
    kept()
    record_bids(path, datetime(2026, 11, 11, 15))  # the extended closing time
    create_evaluator_tabs(FileWorkbook(path), EVALUATORS, "Sam Patel", AFTER_CLOSING)
    kept()
    evaluators_score(path, AFTER_CLOSING)
    moderate(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    kept()
    panel_moderates(path)
    score(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    kept()
    confirm_pre_award(path, PANEL_DAY.date())
    write_letters(FileWorkbook(path), tmp_path / "letters", None, PANEL_DAY)
    kept()

"""dps abandon: the decision not to award, audited, with a letter to each supplier to be told."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.cli.main import main
from addin.errors import ActionRefused, DpsError
from addin.services.abandon import abandon
from addin.services.letters import write_letters
from addin.workbook.file_workbook import FileWorkbook
from tests.builders import PANEL_DAY, build_workbook, launched_workbook, scored_workbook
from tests.letters.builders import read_letter

REASON = "The pilot's funding was withdrawn by the Food & Health board"


def _actions(path: Path) -> list[tuple[str, str]]:
    sheet = load_workbook(path)["Audit"]
    return [(sheet.cell(r, 3).value, sheet.cell(r, 4).value) for r in range(4, sheet.max_row + 1)]


def _status(path: Path) -> str:
    sheet = load_workbook(path)["Competition"]
    return next(sheet.cell(r, 2).value for r in range(4, 30) if sheet.cell(r, 1).value == "Status")


def test_after_scoring_every_bidder_is_told_and_the_decision_recorded(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    out = tmp_path / "letters"
    done = abandon(FileWorkbook(path), REASON, out, None, PANEL_DAY)
    # Every supplier whose bid was received, the late one too.
    assert sorted(p.name for p in done.letters) == [
        f"CCIN-2026-014_CCIN-00{n}_abandoned.docx" for n in (1, 2, 3, 4)
    ]
    letter = read_letter(out / "CCIN-2026-014_CCIN-002_abandoned.docx")
    assert "Smith & Sons <Consulting>" in letter.body[3]
    assert REASON in letter.body
    assert (
        "I am writing to tell you that on 16 November 2026 Oldham Council decided not to award "
        "a contract in this mini-competition, and has abandoned it, for this reason:"
    ) in letter.body
    assert "We will keep your bid confidential." in letter.text
    assert _status(path) == "Abandoned"
    assert _actions(path)[-2:] == [
        ("Abandoned", REASON),
        ("Abandonment letters issued", f"4 letter(s) dated 16 November 2026 in {out}"),
    ]
    log = [[c.value for c in row] for row in load_workbook(path)["Letters"].iter_rows(min_row=4)]
    assert [(r[0], r[1], r[5]) for r in log] == [
        (f"CCIN-00{n}", "abandoned", None) for n in (1, 2, 3, 4)
    ]


def test_before_closing_every_invited_supplier_is_told(tmp_path: Path) -> None:
    path = launched_workbook(tmp_path)
    done = abandon(FileWorkbook(path), REASON, tmp_path / "out", None, datetime(2026, 11, 2, 9))
    assert len(done.letters) == 4  # every invited supplier: none has bid yet
    letter = read_letter(done.letters[0])
    assert "The invitation to bid is withdrawn: please do not send a bid." in letter.text
    assert _status(path) == "Abandoned"


def test_after_the_letters_it_may_still_be_abandoned(tmp_path: Path) -> None:
    # Letters only say the council intends to award: until the award is recorded, it may not.
    path = scored_workbook(tmp_path)
    write_letters(FileWorkbook(path), tmp_path / "letters", None, PANEL_DAY)
    done = abandon(FileWorkbook(path), REASON, tmp_path / "abandoned", None, PANEL_DAY)
    assert len(done.letters) == 4 and _status(path) == "Abandoned"


def test_refused_once_the_award_is_recorded(tmp_path: Path) -> None:
    from tests.builders import AFTER_STANDSTILL, awarded_workbook

    path = awarded_workbook(tmp_path)
    before = path.read_bytes()
    with pytest.raises(ActionRefused, match="cannot abandon a competition that is Awarded"):
        abandon(FileWorkbook(path), REASON, tmp_path / "out", None, AFTER_STANDSTILL)
    assert path.read_bytes() == before and not (tmp_path / "out").exists()


def test_refused_for_a_draft_twice_and_without_a_reason(tmp_path: Path) -> None:
    draft = build_workbook(tmp_path)
    with pytest.raises(ActionRefused, match="cannot abandon a competition that is Draft"):
        abandon(FileWorkbook(draft), REASON, tmp_path / "out", None, PANEL_DAY)
    path = scored_workbook(tmp_path, "scored.xlsx")
    with pytest.raises(DpsError, match="needs the reason"):
        abandon(FileWorkbook(path), "  ", tmp_path / "out", None, PANEL_DAY)
    abandon(FileWorkbook(path), REASON, tmp_path / "out", None, PANEL_DAY)
    with pytest.raises(ActionRefused, match="that is Abandoned"):
        abandon(FileWorkbook(path), REASON, tmp_path / "again", None, PANEL_DAY)


def test_a_failed_save_leaves_no_letter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = scored_workbook(tmp_path)

    def fail(self: FileWorkbook, now: datetime) -> str:
        raise DpsError("disk full")

    monkeypatch.setattr(FileWorkbook, "save", fail)
    with pytest.raises(DpsError, match="disk full"):
        abandon(FileWorkbook(path), REASON, tmp_path / "out", None, PANEL_DAY)
    assert list((tmp_path / "out").iterdir()) == []


def test_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = scored_workbook(tmp_path)
    assert main(["abandon", str(path), "--reason", REASON]) == 0
    out = capsys.readouterr().out
    assert f"Wrote {tmp_path.resolve() / 'letters'}" in out
    assert "status Abandoned" in out
    with pytest.raises(SystemExit) as usage:
        main(["abandon", str(path)])
    assert usage.value.code == 2 and "--reason" in capsys.readouterr().err

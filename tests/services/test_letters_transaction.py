"""`dps letters` as a transaction: a failure injected at each step leaves the workbook untouched
or fully updated, nothing temporary behind, and a rerun without --force finishes the job."""

from __future__ import annotations

import errno
import re
import shutil
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from addin.errors import ActionRefused, LettersNotInPlace, WriteFailed
from addin.letters import staging
from addin.letters.render import LetterRenderer
from addin.services import letters_write
from addin.services.letters import write_letters
from addin.services.validate import validate_workbook
from addin.workbook.file_workbook import FileWorkbook
from addin.workbook.reader import read_tables
from tests.builders import scored_workbook

SENT = date(2026, 12, 18)
FIRST_RUN = datetime(2026, 12, 18, 10)
RERUN = datetime(2026, 12, 21, 9)  # the next working day: a fresh issue would be dated today
LETTERS = [
    "CCIN-2026-014_CCIN-001_unsuccessful.docx",
    "CCIN-2026-014_CCIN-002_unsuccessful.docx",
    "CCIN-2026-014_CCIN-003_successful.docx",
    "CCIN-2026-014_CCIN-004_not-evaluated.docx",
]
NOTICE = "CCIN-2026-014_award_notice-to-Oldham.txt"
MOVES = [LETTERS[2], LETTERS[0], LETTERS[1], LETTERS[3], NOTICE]  # the winner's letter first


class Killed(BaseException):
    """The process stopping dead: not an error the code could catch and tidy up after."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scored_workbook(tmp_path_factory.mktemp("built"))


@pytest.fixture
def book(built: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(built, tmp_path / built.name))


def disk_full(*_: object, **__: object) -> Any:
    raise OSError(errno.ENOSPC, "No space left on device")


def fail_on_call(n: int, real: Callable[..., Any], error: BaseException | None = None) -> Any:
    calls = {"count": 0}

    def wrapper(*args: object, **kwargs: object) -> Any:
        calls["count"] += 1
        if calls["count"] == n:
            raise error or OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    return wrapper


def issue(book: Path, out: Path, now: datetime = FIRST_RUN, **options: Any) -> Any:
    return write_letters(FileWorkbook(book), out, None, now, **options)


def state(book: Path) -> tuple[str, list[tuple[str, str]], list[str]]:
    """Status, Letters log (supplier, file name) and audit actions, as saved on disk."""
    tables = read_tables(book).tables
    status = next(r["Value"] for r in tables["tblCompetition"].rows if r["Field"] == "Status")
    log = tables.get("tblLetters")
    logged = [(r["Supplier ID"], Path(str(r["File"])).name) for r in (log.rows if log else [])]
    return str(status), logged, [str(r["Action"]) for r in tables["tblAudit"].rows]


def leftovers(folder: Path) -> list[str]:
    """Temporary files and folders anywhere under `folder` (staging, temp letters, temp saves)."""
    return sorted(
        str(p.relative_to(folder)) for p in folder.rglob("*") if p.name.startswith((".", "~$"))
    )


def dated(letter: Path) -> str:
    """The letter's date: the first date in it (the standstill end comes later)."""
    text = "\n".join(p.text for p in Document(str(letter)).paragraphs)
    found = re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}", text)
    assert found, letter
    return found[0]


def assert_issued_once(book: Path, out: Path, day: date) -> None:
    status, logged, actions = state(book)
    assert status == "Standstill"
    assert sorted(logged) == [  # one log row per letter, no duplicates
        ("CCIN-001", LETTERS[0]),
        ("CCIN-002", LETTERS[1]),
        ("CCIN-003", LETTERS[2]),
        ("CCIN-004", LETTERS[3]),
    ]
    assert sorted(p.name for p in out.iterdir()) == sorted([*LETTERS, NOTICE])
    assert {dated(out / name) for name in LETTERS} == {f"{day.day} {day:%B %Y}"}
    assert f"{day.day} {day:%B %Y}" in (out / NOTICE).read_text(encoding="utf-8")
    assert actions.count("Intended award reported to DPS owner") == 1
    assert validate_workbook(book, RERUN.date()).errors == []


# Each step of `dps letters`, made to fail: (how, the error the officer sees, saved before?).
STEPS_BEFORE_SAVE = {
    "rendering the 2nd letter": (
        lambda mp: mp.setattr(LetterRenderer, "render", fail_on_call(2, LetterRenderer.render)),
        WriteFailed,
    ),
    "the PDF step": (
        lambda mp: (
            mp.setattr("addin.services.letters.find_libreoffice", lambda: "soffice"),
            mp.setattr(letters_write, "docx_to_pdfs", disk_full),
        ),
        WriteFailed,
    ),
    "writing the notice": (
        lambda mp: mp.setattr(letters_write, "write_notice", disk_full),
        WriteFailed,
    ),
    "saving the workbook": (
        lambda mp: mp.setattr(FileWorkbook, "save", disk_full),
        (OSError, WriteFailed),
    ),
}
STEPS_AFTER_SAVE = {
    "moving the 1st letter": 1,
    "moving the last letter": 4,
    "moving the notice": 5,
}


@pytest.mark.parametrize("step", STEPS_BEFORE_SAVE)
def test_a_failure_before_the_save_changes_nothing_and_a_rerun_issues_the_letters(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    out = tmp_path / "letters"
    before = book.read_bytes()
    inject, error = STEPS_BEFORE_SAVE[step]
    with monkeypatch.context() as patched:
        inject(patched)
        with pytest.raises(error):
            issue(book, out, letter_date=SENT, pdf=step == "the PDF step")
    assert book.read_bytes() == before  # the workbook untouched
    assert not out.exists()  # no letter, no temporary folder: the folder this run made is gone
    assert leftovers(tmp_path) == []

    result = issue(book, out, RERUN)
    assert result.replaced_unrecorded == [] and not result.completed
    assert_issued_once(book, out, RERUN.date())
    assert state(book)[2][-2:] == ["Letters issued", "Intended award reported to DPS owner"]
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("step", STEPS_AFTER_SAVE)
def test_a_failure_after_the_save_is_completed_by_a_rerun_without_force(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    out = tmp_path / "letters"
    failing = STEPS_AFTER_SAVE[step]
    with monkeypatch.context() as patched:
        patched.setattr(
            letters_write, "move_into_place", fail_on_call(failing, letters_write.move_into_place)
        )
        with pytest.raises(LettersNotInPlace) as stopped:
            issue(book, out, letter_date=SENT)
    assert stopped.value.exit_code == 2
    status, logged, actions = state(book)  # the workbook fully updated: it records all four
    assert status == "Standstill" and len(logged) == 4
    assert actions[-2:] == ["Letters issued", "Intended award reported to DPS owner"]
    in_place = sorted(p.name for p in out.iterdir()) if out.exists() else []
    assert in_place == sorted(MOVES[: failing - 1])
    assert leftovers(tmp_path) == []

    result = issue(book, out, RERUN)  # days later, no --date, no --force
    assert result.completed
    assert sorted(p.name for p in result.letters) == sorted(set(LETTERS) - set(in_place))
    assert_issued_once(book, out, SENT)  # dated as recorded, not as rerun
    assert state(book)[2][-3:] == [
        "Letters issued",
        "Intended award reported to DPS owner",
        "Letters completed",
    ]
    assert leftovers(tmp_path) == []


def test_a_run_killed_outright_after_the_save_leaves_its_folder_for_the_next_run_to_clear(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "letters"
    with monkeypatch.context() as patched:
        patched.setattr(staging, "remove_folder", lambda folder: None)  # no tidying when killed
        patched.setattr(
            letters_write,
            "move_into_place",
            fail_on_call(3, letters_write.move_into_place, Killed()),
        )
        with pytest.raises(Killed):
            issue(book, out, letter_date=SENT)
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(MOVES[:2])
    assert [p.name.startswith(".~dps-letters-") for p in out.glob(".*")] == [True]

    result = issue(book, out, RERUN)
    assert result.completed and [p.name for p in result.letters] == MOVES[2:4]
    assert_issued_once(book, out, SENT)
    assert leftovers(tmp_path) == []


def test_letters_the_workbook_never_recorded_are_replaced_without_force(
    book: Path, tmp_path: Path
) -> None:
    # The letters went out to the folder but the workbook was never saved (Excel closed
    # without saving after the ribbon's Letters button, or a copy saved with --output).
    out = tmp_path / "letters"
    unsaved = Path(shutil.copy(book, tmp_path / "unsaved.xlsx"))
    issue(unsaved, out, letter_date=SENT)
    (out / LETTERS[0]).unlink()  # and one of them was never made
    result = issue(book, out, RERUN)
    assert sorted(p.name for p in result.replaced_unrecorded) == LETTERS[1:]
    assert_issued_once(book, out, RERUN.date())
    assert state(book)[2][-2:] == ["Letters issued", "Intended award reported to DPS owner"]


def test_recorded_letters_need_force_in_the_same_folder_or_another(
    book: Path, tmp_path: Path
) -> None:
    out = tmp_path / "letters"
    issue(book, out, letter_date=SENT)
    with pytest.raises(ActionRefused, match="already issued") as refused:
        issue(book, out, RERUN)
    assert refused.value.exit_code == 1
    # Into another folder is a second issue too: it needs --force.
    with pytest.raises(ActionRefused, match="already issued"):
        issue(book, tmp_path / "elsewhere", RERUN)
    assert not (tmp_path / "elsewhere").exists()


def test_completing_keeps_the_recorded_date_and_refuses_another(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "letters"
    issue(book, out, letter_date=SENT)
    (out / LETTERS[1]).unlink()
    with pytest.raises(ActionRefused, match="recorded dated 18/12/2026"):
        issue(book, out, RERUN, letter_date=RERUN.date())
    assert not (out / LETTERS[1]).exists()
    result = issue(book, out, RERUN, letter_date=SENT, dry_run=True)
    assert result.completed and [p.name for p in result.letters] == [LETTERS[1]]
    assert not (out / LETTERS[1]).exists()


def test_force_after_an_interrupted_re_issue_finishes_it(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "letters"
    issue(book, out, letter_date=SENT)
    with monkeypatch.context() as patched:
        patched.setattr(
            letters_write, "move_into_place", fail_on_call(2, letters_write.move_into_place)
        )
        with pytest.raises(LettersNotInPlace):
            issue(book, out, RERUN, force=True)
    # Letters the re-issue replaces were removed before it was recorded: none is left saying
    # 18 December while the workbook records 21 December; a rerun completes the re-issue.
    assert {dated(p) for p in out.glob("*.docx")} == {"21 December 2026"}
    result = issue(book, out, RERUN)
    assert result.completed
    assert {dated(out / name) for name in LETTERS} == {"21 December 2026"}
    assert validate_workbook(book, RERUN.date()).errors == []

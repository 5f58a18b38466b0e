"""At the command line every fault is one line and an exit code, never a traceback."""

from __future__ import annotations

import argparse
import errno
import os
from datetime import datetime
from pathlib import Path

import pytest

from addin.cli import arguments
from addin.cli.main import main
from addin.services import validate as validate_service
from addin.workbook.safe_save import backup
from tests import hostile
from tests.builders import build_workbook, live_fields

NAME = "competition.xlsx"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_disk_full_while_launching(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    book = build_workbook(tmp_path, fields=live_fields())
    before = book.read_bytes()
    real_replace = os.replace

    def full(src: object, dst: object) -> None:
        if Path(str(dst)) == book:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", full)
    code, _, err = _run(capsys, "launch", str(book), "--officer", "Sam Patel")
    assert code == 2
    assert err.splitlines() == [
        f"dps launch: no space left on the disk holding {book}: free some space and run again "
        "(nothing was changed)"
    ]
    assert book.read_bytes() == before
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["backups", NAME]


def test_a_batch_with_every_hostile_file_still_reports_the_good_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = build_workbook(tmp_path, "good.xlsx")
    bad = {
        "bomb-sheet.xlsx": lambda out: hostile.bomb(good, out, "xl/worksheets/sheet1.xml"),
        "bomb-strings.xlsx": lambda out: hostile.bomb(good, out, "xl/sharedStrings.xml"),
        "crowded.xlsx": lambda out: hostile.too_many_parts(good, out, 20_001),
        "laughs.xlsx": lambda out: hostile.billion_laughs(good, out),
        "malformed.xlsx": lambda out: hostile.malformed_sheet(good, out),
    }
    for name, make in bad.items():
        make(tmp_path / name)
    code, out, err = _run(capsys, "validate", str(tmp_path))
    assert code == 2
    assert "Traceback" not in out + err
    lines = out.splitlines()
    assert f"✓ {good}: 0 error(s), 0 warning(s)" in lines
    for name in bad:  # exactly one line each
        assert sum(line.startswith(f"✗ {tmp_path / name}: ") for line in lines) == 1
    assert lines[-1] == "6 workbook(s) checked: 0 with errors, 5 unreadable, 1 ready."


def test_validate_skips_backups_temp_and_lock_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = build_workbook(tmp_path)
    backup(book, datetime(2026, 10, 28, 9, 0))
    for own in (".~dps-tmp-0123456789ab.xlsx", f".~dps-lock-{NAME}.xlsx", f"~${NAME}"):
        (tmp_path / own).write_bytes(b"not a workbook")
    (tmp_path / "sub" / "backups").mkdir(parents=True)
    (tmp_path / "sub" / "backups" / "old.xlsx").write_bytes(b"half a backup")
    code, out, _ = _run(capsys, "validate", str(tmp_path))
    assert code == 0, out
    assert out.splitlines()[-1] == "1 workbook(s) checked: 0 with errors, 0 unreadable, 1 ready."
    code, out, _ = _run(capsys, "validate", f"{tmp_path}/**/*.xlsx")
    assert code == 0, out


def test_a_file_named_on_its_own_is_checked_even_in_backups(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "backups").mkdir()
    broken = tmp_path / "backups" / "old.xlsx"
    broken.write_bytes(b"half a backup")
    code, out, _ = _run(capsys, "validate", str(broken))
    assert code == 2
    assert f"✗ {broken}: this is not an Excel workbook" in out


def _bug(*_args: object, **_kwargs: object) -> object:
    raise ZeroDivisionError("division by zero")


def test_a_bug_in_a_batch_is_that_files_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build_workbook(tmp_path, "a.xlsx")
    second = build_workbook(tmp_path, "b.xlsx")
    real = validate_service.load_competition

    def buggy_for_a(path: Path) -> object:
        return _bug() if path == first else real(path)

    monkeypatch.setattr(validate_service, "load_competition", buggy_for_a)
    code, out, err = _run(capsys, "validate", str(tmp_path))
    assert code == 2
    assert "Traceback" not in out + err
    assert (
        f"✗ {first}: internal error — please report it: validating it failed with "
        "ZeroDivisionError: division by zero" in out.splitlines()
    )
    assert f"✓ {second}: 0 error(s), 0 warning(s)" in out.splitlines()


def test_debug_shows_the_traceback_of_a_bug(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build_workbook(tmp_path, "a.xlsx")
    monkeypatch.setattr(validate_service, "load_competition", _bug)
    code, _, err = _run(capsys, "--debug", "validate", str(tmp_path))
    assert code == 2
    assert "Traceback (most recent call last)" in err
    assert "ZeroDivisionError: division by zero" in err


def test_a_bug_in_a_command_is_one_line_and_debug_adds_the_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from addin.cli import launch

    book = build_workbook(tmp_path, fields=live_fields())
    monkeypatch.setattr(launch, "launch", _bug)
    code, _, err = _run(capsys, "launch", str(book), "--officer", "Sam Patel")
    assert code == 2
    assert err.splitlines() == [
        f"dps launch: internal error — please report it: dps launch on {book} failed with "
        "ZeroDivisionError: division by zero"
    ]
    code, _, err = _run(capsys, "--debug", "launch", str(book), "--officer", "Sam Patel")
    assert code == 2
    assert "Traceback (most recent call last)" in err
    assert "internal error — please report it" in err


def test_an_os_error_with_a_file_name_gets_the_write_advice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from addin.cli import launch

    book = build_workbook(tmp_path, fields=live_fields())
    letter = tmp_path / ("X" * 300 + ".docx")

    def too_long(*_args: object, **_kwargs: object) -> object:
        raise OSError(errno.ENAMETOOLONG, "File name too long", str(letter))

    monkeypatch.setattr(launch, "launch", too_long)
    code, _, err = _run(capsys, "launch", str(book), "--officer", "Sam Patel")
    assert code == 2
    assert err.splitlines() == [
        f"dps launch: the name or path is too long for {letter}: use a shorter file name or a "
        "folder nearer the top of the disk, then run again"
    ]


def test_a_control_character_in_the_officer_name_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = build_workbook(tmp_path, fields=live_fields())
    before = book.read_bytes()
    code, out, err = _run(capsys, "launch", str(book), "--officer", "Sam\x07")
    assert code in (1, 2)
    assert "Traceback" not in out + err
    assert "\x07" not in err  # shown escaped, not rung on the terminal
    assert err.startswith("dps launch: ")
    assert book.read_bytes() == before


def test_a_300_character_supplier_id_is_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.builders import MEMBERS, edit, invitations

    long_id = "S" * 300
    book = build_workbook(
        tmp_path,
        fields=live_fields(),
        members=edit(MEMBERS, 0, {"Supplier ID": long_id}),
        bids=invitations([long_id, "CCIN-002", "CCIN-003", "CCIN-004"]),
    )
    for command in (["validate", str(book)], ["launch", str(book), "--officer", "Sam Patel"]):
        code, out, err = _run(capsys, *command)
        assert code in (0, 1, 2)
        assert "Traceback" not in out + err


def test_output_options_helper() -> None:
    parser = argparse.ArgumentParser()
    arguments.add_workbook_arguments(parser)
    assert parser.parse_args(["b.xlsx"]).keep_backups == 10
    args = parser.parse_args(["b.xlsx", "--output", "copy.xlsx", "--keep-backups", "3"])
    assert (args.output, args.keep_backups) == (Path("copy.xlsx"), 3)
    assert arguments.workbook_of(args).keep_backups == 3
    assert parser.parse_args(["b.xlsx", "--keep-backups", "0"]).keep_backups == 0
    with pytest.raises(SystemExit) as caught:
        parser.parse_args(["b.xlsx", "--keep-backups", "-1"])
    assert caught.value.code == 2

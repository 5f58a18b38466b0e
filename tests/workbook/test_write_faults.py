"""A failing disk never costs an officer the workbook: one clear error, nothing half-written."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin import atomic
from addin.atomic import write_atomically
from addin.errors import WouldLoseContent, WriteFailed
from addin.workbook.reader import open_workbook
from addin.workbook.safe_save import backups_of, check_can_save, save_workbook
from tests.builders import build_workbook

NOW = datetime(2026, 10, 28, 9, 0)


def _edited(path: Path) -> object:
    book = open_workbook(path, data_only=False)
    book["Competition"]["B3"] = "Edited title"
    return book


def _leftovers(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob(".~dps-*"))


def _valid_xlsx(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        return archive.testzip() is None and "xl/workbook.xml" in archive.namelist()


def _fail_on(
    monkeypatch: pytest.MonkeyPatch,
    target: object,
    name: str,
    code: int,
    when: Callable[..., bool] = lambda *a: True,
) -> None:
    real = getattr(target, name)

    def failing(*args: object, **kwargs: object) -> object:
        if when(*args):
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, failing)


def _in_backups(*args: object) -> bool:
    return Path(str(args[-1])).parent.name == "backups"


def _not_in_backups(*args: object) -> bool:
    return not _in_backups(*args)


STEPS: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "writing the workbook": lambda mp: _fail_on(mp, zipfile.ZipFile, "writestr", errno.ENOSPC),
    "flushing the workbook": lambda mp: _fail_on(
        mp, atomic, "_fsync_file", errno.ENOSPC, _not_in_backups
    ),
    "renaming the workbook": lambda mp: _fail_on(mp, os, "replace", errno.ENOSPC, _not_in_backups),
    "copying the backup": lambda mp: _fail_on(mp, shutil, "copyfile", errno.ENOSPC),
    "renaming the backup": lambda mp: _fail_on(mp, os, "replace", errno.ENOSPC, _in_backups),
}


@pytest.mark.parametrize("step", STEPS)
def test_disk_full_at_any_step_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    path = build_workbook(tmp_path)
    before = path.read_bytes()
    book = _edited(path)
    STEPS[step](monkeypatch)
    with pytest.raises(WriteFailed) as caught:
        save_workbook(book, path, None, NOW)  # type: ignore[arg-type]
    message = str(caught.value)
    assert message.startswith("no space left on the disk holding ")
    assert str(tmp_path) in message and "free some space and run again" in message
    assert path.read_bytes() == before
    assert _leftovers(tmp_path) == []
    assert all(_valid_xlsx(b) for b in (tmp_path / "backups").glob("*"))


@pytest.mark.parametrize(
    ("code", "says"),
    [
        (errno.EACCES, "permission denied writing"),
        (errno.EPERM, "permission denied writing"),
        (errno.ENAMETOOLONG, "too long"),
        (errno.EROFS, "read-only"),
        (errno.EDQUOT, "quota"),
        (errno.EIO, "read/write error"),
        (errno.ENOTCONN, "could not write"),
    ],
)
def test_each_os_error_has_its_own_advice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, says: str
) -> None:
    _fail_on(monkeypatch, os, "replace", code)
    target = tmp_path / "letter.docx"
    with pytest.raises(WriteFailed, match=says) as caught:
        write_atomically(target, lambda temp: temp.write_bytes(b"x"))
    assert str(target) in str(caught.value)
    assert caught.value.error is not None and caught.value.error.errno == code
    assert list(tmp_path.iterdir()) == []


def test_a_failing_writer_leaves_no_temp_file(tmp_path: Path) -> None:
    def broken(temp: Path) -> None:
        temp.write_bytes(b"half")
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        write_atomically(tmp_path / "out.md", broken)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_permission_denied_for_real(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(WriteFailed, match="permission denied writing"):
            write_atomically(folder / "report.md", lambda t: t.write_text("x"))
    finally:
        folder.chmod(0o755)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 200 KB tmpfs (root only; skipped where mounting is not permitted)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def _fill(disk: Path, leave: int) -> None:
    stats = os.statvfs(disk)
    free = stats.f_bavail * stats.f_frsize
    (disk / "filler").write_bytes(b"\0" * max(free - leave, 0))


@pytest.mark.parametrize("room", ["none for the backup", "room for the backup only"])
def test_a_really_full_disk(tmp_path: Path, tiny_disk: Path, room: str) -> None:
    path = build_workbook(tmp_path)
    book = _edited(path)
    on_disk = tiny_disk / path.name
    on_disk.write_bytes(path.read_bytes())
    before = on_disk.read_bytes()
    page = 4096
    pages = -(-len(before) // page)
    _fill(tiny_disk, 0 if room.startswith("none") else (pages + 1) * page)
    with pytest.raises(WriteFailed, match="no space left on the disk holding"):
        save_workbook(book, on_disk, None, NOW)  # type: ignore[arg-type]
    assert on_disk.read_bytes() == before
    assert _leftovers(tiny_disk) == []
    assert list((tiny_disk / "backups").glob("*")) == []


def test_a_symlinked_workbook_is_saved_through_its_link(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    real = build_workbook(shared)
    link = tmp_path / "my competition.xlsx"
    link.symlink_to(real)
    save_workbook(_edited(link), link, None, NOW)  # type: ignore[arg-type]
    assert link.is_symlink() and link.resolve() == real
    assert load_workbook(real)["Competition"]["B3"].value == "Edited title"
    assert [b.name for b in backups_of(real)] == ["competition-20261028-090000.xlsx"]


def test_mode_owner_and_group_are_kept(tmp_path: Path) -> None:
    path = build_workbook(tmp_path)
    path.chmod(0o640)
    if os.geteuid() == 0:
        os.chown(path, 1234, 5678)
    before = path.stat()
    save_workbook(_edited(path), path, None, NOW)  # type: ignore[arg-type]
    after = path.stat()
    assert after.st_ino != before.st_ino  # really replaced
    assert (after.st_mode, after.st_uid, after.st_gid) == (
        before.st_mode,
        before.st_uid,
        before.st_gid,
    )


def test_a_hard_linked_workbook_keeps_its_links(tmp_path: Path) -> None:
    path = build_workbook(tmp_path)
    other = tmp_path / "also here.xlsx"
    os.link(path, other)
    save_workbook(_edited(path), path, None, NOW)  # type: ignore[arg-type]
    assert os.path.samefile(path, other)
    assert load_workbook(other)["Competition"]["B3"].value == "Edited title"
    assert _leftovers(tmp_path) == []


def test_a_hard_linked_workbook_is_restored_when_the_copy_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = build_workbook(tmp_path)
    os.link(path, tmp_path / "also here.xlsx")
    before = path.read_bytes()
    real_write = os.write

    def disk_fills_half_way(fd: int, data: bytes) -> int:
        if len(data) != len(before):  # the new content: half of it gets in, then the disk is full
            real_write(fd, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", disk_fills_half_way)
    with pytest.raises(WriteFailed, match="no space left"):
        save_workbook(_edited(path), path, None, NOW)  # type: ignore[arg-type]
    assert path.read_bytes() == before


def _with_threaded_comments(path: Path) -> Path:
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/threadedComments/threadedComment1.xml", "<x/>")
    return path


@pytest.mark.parametrize("route", ["same path", "symlink", "hard link"])
def test_an_output_that_is_the_source_gets_every_safety_check(tmp_path: Path, route: str) -> None:
    path = _with_threaded_comments(build_workbook(tmp_path))
    output = {
        "same path": path,
        "symlink": tmp_path / "link.xlsx",
        "hard link": tmp_path / "hard.xlsx",
    }[route]
    if route == "symlink":
        output.symlink_to(path)
    elif route == "hard link":
        os.link(path, output)
    before = path.read_bytes()
    with pytest.raises(WouldLoseContent, match="threaded comments"):
        check_can_save(path, output)
    assert path.read_bytes() == before


@pytest.mark.parametrize("route", ["same path", "symlink", "hard link"])
def test_an_output_that_is_the_source_is_backed_up(tmp_path: Path, route: str) -> None:
    path = build_workbook(tmp_path)
    output = {
        "same path": path,
        "symlink": tmp_path / "link.xlsx",
        "hard link": tmp_path / "hard.xlsx",
    }[route]
    if route == "symlink":
        output.symlink_to(path)
    elif route == "hard link":
        os.link(path, output)
    save_workbook(_edited(path), path, output, NOW)  # type: ignore[arg-type]
    assert len(backups_of(path)) == 1
    assert load_workbook(output)["Competition"]["B3"].value == "Edited title"
    assert load_workbook(path)["Competition"]["B3"].value == "Edited title"


def test_excel_lock_beside_a_symlinked_output_refuses(tmp_path: Path) -> None:
    path = build_workbook(tmp_path)
    (tmp_path / "~$competition.xlsx").write_bytes(b"owner")
    link = tmp_path / "link.xlsx"
    link.symlink_to(path)
    with pytest.raises(Exception, match="open in Excel"):
        check_can_save(path, link)


def test_the_newest_ten_backups_are_kept(tmp_path: Path) -> None:
    path = build_workbook(tmp_path)
    neighbour = build_workbook(tmp_path, "competition 2.xlsx")
    save_workbook(_edited(neighbour), neighbour, None, NOW)  # type: ignore[arg-type]
    for minute in range(11):
        save_workbook(_edited(path), path, None, NOW.replace(minute=minute))  # type: ignore[arg-type]
    kept = backups_of(path)
    assert [b.name for b in kept] == [
        f"competition-20261028-09{m:02d}00.xlsx" for m in range(1, 11)
    ]
    assert all(_valid_xlsx(b) for b in kept)
    assert len(backups_of(neighbour)) == 1  # another workbook's backups are not touched


def test_keep_backups_n_and_zero(tmp_path: Path) -> None:
    path = build_workbook(tmp_path)
    for second in range(4):
        save_workbook(_edited(path), path, None, NOW.replace(second=second), keep_backups=2)  # type: ignore[arg-type]
    assert [b.name[-11:] for b in backups_of(path)] == ["090002.xlsx", "090003.xlsx"]
    for second in range(4, 8):
        save_workbook(_edited(path), path, None, NOW.replace(second=second), keep_backups=0)  # type: ignore[arg-type]
    assert len(backups_of(path)) == 6


def test_same_second_backups_are_ordered_and_pruned(tmp_path: Path) -> None:
    path = build_workbook(tmp_path)
    for _ in range(3):
        save_workbook(_edited(path), path, None, NOW, keep_backups=2)  # type: ignore[arg-type]
    assert [b.name for b in backups_of(path)] == [
        "competition-20261028-090000-2.xlsx",
        "competition-20261028-090000-3.xlsx",
    ]

"""Saving a workbook without losing anything: atomic replace, backups, and refusals.

openpyxl rewrites the whole file and silently drops parts it does not understand. Before any
in-place save we look for those parts and refuse, naming what would be lost.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from addin.atomic import BACKUP_FOLDER, write_atomically
from addin.errors import UnreadableWorkbook, WorkbookBusy, WouldLoseContent
from addin.workbook.readable import check_readable

DEFAULT_KEEP_BACKUPS = 10

# Zip part prefixes openpyxl does not carry through a load and save.
_LOSSY_PARTS: dict[str, str] = {
    "xl/drawings/": "pictures, charts or shapes",
    "xl/charts/": "charts",
    "xl/media/": "pictures",
    "xl/pivotTables/": "pivot tables",
    "xl/pivotCache/": "pivot tables",
    "xl/externalLinks/": "links to other workbooks",
    "xl/slicers/": "slicers",
    "xl/timelines/": "timelines",
    "xl/ctrlProps/": "form controls",
    "xl/threadedComments/": "threaded comments",
}


def lossy_parts(path: Path) -> list[str]:
    check_readable(path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableWorkbook(path, f"the file is damaged ({exc})") from exc
    found = [
        label for prefix, label in _LOSSY_PARTS.items() if any(n.startswith(prefix) for n in names)
    ]
    if path.suffix.lower() != ".xlsm" and any(n.endswith("vbaProject.bin") for n in names):
        found.append("macros (the file is not saved as .xlsm)")
    return list(dict.fromkeys(found))


def lock_file(path: Path) -> Path:
    return path.with_name("~$" + path.name)


def same_file(a: Path, b: Path) -> bool:
    """True when `a` and `b` name one file: the same path, a symlink to it or a hard link."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare where they would resolve
        return os.path.realpath(a) == os.path.realpath(b)


def check_writable(path: Path) -> None:
    """Refuses, changing nothing, when Excel has the file open or it is read-only."""
    real = Path(os.path.realpath(path))
    if lock_file(path).exists() or lock_file(real).exists():
        raise WorkbookBusy(path, "the workbook is open in Excel (its ~$ lock file is present)")
    if real.exists() and not os.access(real, os.W_OK):
        raise WorkbookBusy(path, "the workbook is read-only")
    if real.parent.exists() and not os.access(real.parent, os.W_OK):
        raise WorkbookBusy(path, f"the folder {real.parent} is read-only")


def _backup_name(stem: str, suffix: str) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(stem)}-(\d{{8}}-\d{{6}})(?:-(\d+))?{re.escape(suffix)}")


def backup(path: Path, now: datetime) -> Path:
    """Copies the workbook to `backups/<name>-<timestamp>.xlsx` beside it (beside the file a
    symlink points to), through a temporary name: a backup that exists is always complete."""
    real = Path(os.path.realpath(path))
    folder = real.parent / BACKUP_FOLDER
    target = folder / f"{real.stem}-{now:%Y%m%d-%H%M%S}{real.suffix}"
    counter = 1
    while target.exists():  # two actions within one second must not share a backup
        counter += 1
        target = folder / f"{real.stem}-{now:%Y%m%d-%H%M%S}-{counter}{real.suffix}"
    original = real.stat()

    def copy(temp: Path) -> None:
        shutil.copyfile(real, temp)
        os.utime(temp, ns=(original.st_atime_ns, original.st_mtime_ns))

    return write_atomically(target, copy)


def backups_of(path: Path) -> list[Path]:
    """The workbook's backups, oldest first (other workbooks' backups are not included)."""
    real = Path(os.path.realpath(path))
    pattern = _backup_name(real.stem, real.suffix)
    found = []
    with contextlib.suppress(FileNotFoundError):
        for entry in (real.parent / BACKUP_FOLDER).iterdir():
            match = pattern.fullmatch(entry.name)
            if match and entry.is_file():
                found.append((match.group(1), int(match.group(2) or 1), entry))
    return [entry for *_, entry in sorted(found)]


def prune_backups(path: Path, keep: int) -> list[Path]:
    """Deletes all but the newest `keep` backups of this workbook (0 keeps them all)."""
    if keep <= 0:
        return []
    removed = backups_of(path)[:-keep]
    for old in removed:
        # Best effort: the save has succeeded; an old backup we cannot delete goes next time.
        with contextlib.suppress(OSError):
            old.unlink()
    return removed


def _check_package(temp: Path) -> None:
    """The file openpyxl wrote is a complete zip (before it replaces anything)."""
    try:
        with zipfile.ZipFile(temp) as archive:
            broken = archive.testzip()
    except zipfile.BadZipFile as exc:
        raise OSError(errno.EIO, f"the saved copy is not a valid workbook ({exc})") from exc
    if broken is not None:
        raise OSError(errno.EIO, f"the saved copy is damaged ({broken})")


AfterSave = Callable[[Path], None]


def save_atomically(book: Workbook, path: Path, after_save: AfterSave | None = None) -> None:
    """Writes to a temporary file in the same folder, checks it, then renames it over `path`.

    A rename within one folder is atomic, so a crash or a full disk leaves the old file intact;
    see addin.atomic.write_atomically (symlinks, hard links, ownership, WriteFailed).
    `after_save` finishes the temporary file before it replaces `path` (formula results).
    """

    def write(temp: Path) -> None:
        book.save(temp)
        if after_save is not None:
            after_save(temp)
        _check_package(temp)

    write_atomically(path, write)


def is_in_place(source: Path, output: Path | None) -> bool:
    """An --output naming the source itself (directly, by symlink or by hard link) is in place."""
    return output is None or same_file(source, output)


def check_can_save(source: Path, output: Path | None) -> None:
    """Everything that could stop a save, checked before any work is done."""
    if is_in_place(source, output):
        check_writable(source)
        if output is not None:
            check_writable(output)
        lost = lossy_parts(source)
        if lost:
            raise WouldLoseContent(source, lost)
    else:
        assert output is not None
        check_writable(output)


def save_workbook(
    book: Workbook,
    source: Path,
    output: Path | None,
    now: datetime,
    *,
    keep_backups: int = DEFAULT_KEEP_BACKUPS,
    after_save: AfterSave | None = None,
) -> Path:
    """Saves over `source` (after a timestamped backup) or to `output`; returns where.

    In place (no output, or an output that is the source by another name) the last
    `keep_backups` backups of this workbook are kept (0 keeps all). Raises WriteFailed when the
    disk refuses; the workbook is then unchanged and the new backup removed again.
    """
    check_can_save(source, output)
    if not is_in_place(source, output):
        assert output is not None
        save_atomically(book, output, after_save)
        return output
    taken = backup(source, now)
    try:
        save_atomically(book, source, after_save)
    except BaseException:
        # Nothing changed, so this backup is a duplicate; on a full disk it is in the way.
        with contextlib.suppress(OSError):
            taken.unlink()
        raise
    prune_backups(source, keep_backups)
    return output or source

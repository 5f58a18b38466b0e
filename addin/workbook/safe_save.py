"""Saving a workbook without losing anything: atomic replace, backups, and refusals.

openpyxl rewrites the whole file and silently drops parts it does not understand. Before any
in-place save we look for those parts and refuse, naming what would be lost.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from addin.errors import DpsError, UnreadableWorkbook, WorkbookBusy
from addin.workbook.reader import check_readable

BACKUP_FOLDER = "backups"

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


class WouldLoseContent(DpsError):
    def __init__(self, path: Path, parts: list[str]) -> None:
        super().__init__(
            f"{path} contains {', '.join(parts)}, which this command would drop when it saves",
            "Nothing was changed. Run again with --output NEW.xlsx to write a copy, or move those "
            "items to another workbook.",
        )
        self.path = path
        self.parts = parts


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


def check_writable(path: Path) -> None:
    """Refuses, changing nothing, when Excel has the file open or it is read-only."""
    if lock_file(path).exists():
        raise WorkbookBusy(path, "the workbook is open in Excel (its ~$ lock file is present)")
    if path.exists() and not os.access(path, os.W_OK):
        raise WorkbookBusy(path, "the workbook is read-only")
    if not os.access(path.parent, os.W_OK):
        raise WorkbookBusy(path, f"the folder {path.parent} is read-only")


def backup(path: Path, now: datetime) -> Path:
    folder = path.parent / BACKUP_FOLDER
    folder.mkdir(exist_ok=True)
    target = folder / f"{path.stem}-{now:%Y%m%d-%H%M%S}{path.suffix}"
    counter = 1
    while target.exists():  # two actions within one second must not share a backup
        counter += 1
        target = folder / f"{path.stem}-{now:%Y%m%d-%H%M%S}-{counter}{path.suffix}"
    shutil.copy2(path, target)
    return target


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def save_atomically(book: Workbook, path: Path) -> None:
    """Writes to a temporary file in the same folder, then renames it over `path`.

    A rename within one folder is atomic, so a crash or a full disk leaves the old file intact.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent
    )
    os.close(handle)
    temp = Path(temp_name)
    try:
        book.save(temp)
        # mkstemp creates 0600; keep the original's permissions (or the usual ones for a new file).
        temp.chmod(path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def check_can_save(source: Path, output: Path | None) -> None:
    """Everything that could stop a save, checked before any work is done."""
    if output is None:
        check_writable(source)
        lost = lossy_parts(source)
        if lost:
            raise WouldLoseContent(source, lost)
    else:
        check_writable(output)


def save_workbook(book: Workbook, source: Path, output: Path | None, now: datetime) -> Path:
    """Saves over `source` (after a timestamped backup) or to `output`; returns where."""
    check_can_save(source, output)
    if output is None:
        backup(source, now)
    target = output or source
    save_atomically(book, target)
    return target

"""A private folder inside the letters folder, where one run's documents are made before the
workbook records them; then each is moved into place with one rename.

Being inside the letters folder puts it on the same disk, so the move is an atomic rename: a
letter in the folder is always a whole letter. The folder is removed however the run ends; one
left by a run that was killed outright is removed by the next run on the same workbook (that
run holds the workbook's writer lock, so the earlier one cannot still be working).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from addin.atomic import write_failed
from addin.letters.render import LetterFileBusy

STAGING_PREFIX = ".~dps-letters-"


def _owner_tag(owner: str) -> str:
    return hashlib.sha256(owner.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def remove_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def sweep_stale(out_dir: Path, owner: str) -> list[Path]:
    """Removes staging folders left in `out_dir` by killed runs for `owner` (a workbook)."""
    stale = sorted(out_dir.glob(f"{STAGING_PREFIX}{_owner_tag(owner)}-*"))
    for folder in stale:
        remove_folder(folder)
    return stale


@contextmanager
def staging_folder(out_dir: Path, owner: str) -> Iterator[Path]:
    """A fresh folder in `out_dir` for the run of `owner`'s letters, removed on the way out."""
    sweep_stale(out_dir, owner)
    try:
        folder = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{_owner_tag(owner)}-", dir=out_dir))
    except OSError as exc:
        raise write_failed(out_dir, exc) from exc
    try:
        yield folder
    finally:
        remove_folder(folder)


def check_replaceable(target: Path) -> None:
    """Refuses, before anything is recorded, a letter that could not be replaced later.

    Word holds an open document locked on Windows: opening it for writing fails there, just as
    the rename onto it would, and a read-only letter fails here everywhere.
    """
    if not target.exists():
        return
    try:
        with target.open("r+b"):
            pass
    except PermissionError as exc:
        raise LetterFileBusy(target) from exc


def move_into_place(staged: Path, target: Path) -> None:
    """One rename: `target` is either the old file or the whole new one, never half of it."""
    try:
        os.replace(staged, target)
    except PermissionError as exc:
        raise LetterFileBusy(target) from exc

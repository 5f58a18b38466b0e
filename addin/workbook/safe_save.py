"""Saving a workbook without ever leaving a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from openpyxl.workbook.workbook import Workbook


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
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)

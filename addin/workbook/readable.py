"""Whether a path is an .xlsx at all, said in the officer's terms: checked before any parser runs.

Kept apart from the readers so that checking a file imports neither openpyxl nor calamine.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from addin.errors import UnreadableWorkbook

TEMPLATE_HINT = "Start from the template: dps new OUT.xlsx --reference REF --lot N"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _diagnose_non_zip(path: Path) -> UnreadableWorkbook:
    head = path.read_bytes()[:65536]
    if head.startswith(_OLE_MAGIC):
        if "EncryptionInfo".encode("utf-16-le") in head:
            return UnreadableWorkbook(
                path,
                "the workbook is password-protected (encrypted), so it cannot be read",
                "Remove the password in Excel (File > Info > Protect Workbook) and save a copy.",
            )
        return UnreadableWorkbook(
            path,
            "this is an old Excel 97-2003 (.xls) file",
            "Open it in Excel and save it as an Excel Workbook (.xlsx).",
        )
    return UnreadableWorkbook(
        path, "this is not an Excel workbook (not an .xlsx file)", TEMPLATE_HINT
    )


def check_readable(path: Path) -> None:
    """Raises UnreadableWorkbook unless `path` is an existing file in the .xlsx (zip) format."""
    if not path.exists():
        raise UnreadableWorkbook(path, "no such file", "Check the path.")
    if path.is_dir():
        raise UnreadableWorkbook(path, "is a folder, not a workbook")
    try:
        with path.open("rb"):
            pass
    except OSError as exc:  # is_zipfile would call an unreadable file "not a workbook"
        raise UnreadableWorkbook(
            path,
            f"cannot be read ({exc.strerror or type(exc).__name__})",
            "Check that you may read the file (and that its disk is connected), then run again.",
        ) from exc
    if not zipfile.is_zipfile(path):
        raise _diagnose_non_zip(path)

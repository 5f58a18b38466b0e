"""Reads the competition workbook's tables by name and header, wherever they sit."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.table import Table
from openpyxl.worksheet.worksheet import Worksheet

from addin.domain import schema
from addin.domain.cells import as_text
from addin.errors import UnreadableWorkbook
from addin.workbook.grid import TEMPLATE_HINT, TableGrid, assemble
from addin.workbook.package_check import check_package
from addin.workbook.tables_read import WorkbookTables

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


def open_workbook(path: Path, *, data_only: bool = True) -> Workbook:
    """Opens an .xlsx/.xlsm, turning every way it can fail into one clear UnreadableWorkbook.

    The package is checked first (addin.workbook.package_check: zip bombs, too many parts, XML
    declaring entities), so a hostile file is refused before openpyxl parses any of it.
    """
    check_readable(path)
    check_package(path)
    try:
        # Our own handle, closed even when openpyxl fails half-way (it would leave its open).
        with path.open("rb") as handle:
            return load_workbook(
                handle, data_only=data_only, keep_vba=path.suffix.lower() == ".xlsm"
            )
    except InvalidFileException as exc:
        raise UnreadableWorkbook(path, f"cannot be opened as a workbook ({exc})") from exc
    except Exception as exc:
        # openpyxl parsing a damaged or hand-made file can fail in many ways (a zip error, XML
        # that is not well-formed, a missing part, a value of the wrong type): each is one line
        # about this file, not a traceback, and a batch goes on with the next file.
        raise UnreadableWorkbook(
            path,
            f"the file is damaged or not a valid .xlsx ({type(exc).__name__}: {exc})",
            "Open it in Excel, let Excel repair it, and save it again.",
        ) from exc


def find_tables(book: Workbook) -> dict[str, tuple[Worksheet, Table]]:
    """Every Excel Table in the workbook, by name (Excel table names are case-insensitive)."""
    found: dict[str, tuple[Worksheet, Table]] = {}
    for sheet in book.worksheets:
        for table in sheet.tables.values():
            found[table.displayName.casefold()] = (sheet, table)
    return found


def grid_of(sheet: Worksheet, table: Table) -> TableGrid:
    left, top, right, bottom = range_boundaries(table.ref)
    assert left and top and right and bottom
    values = list(
        sheet.iter_rows(min_row=top, max_row=bottom, min_col=left, max_col=right, values_only=True)
    )
    headers = [as_text(v) for v in values[0]]
    return TableGrid(table.displayName, sheet.title, top, left, headers, values[1:])


def read_tables(path: Path, specs: Iterable[schema.TableSpec] = schema.TABLES) -> WorkbookTables:
    return tables_of(open_workbook(path), path, specs)


def tables_of(
    book: Workbook, path: Path, specs: Iterable[schema.TableSpec] = schema.TABLES
) -> WorkbookTables:
    """Every table of an open workbook; those in `specs` must exist with their headers.

    `path` is only used to name the workbook in errors.
    """
    return assemble(
        path, (grid_of(sheet, table) for sheet, table in find_tables(book).values()), specs
    )

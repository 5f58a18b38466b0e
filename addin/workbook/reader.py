"""Reads the competition workbook's tables by name and header, wherever they sit, with openpyxl.

Read-only paths use addin.workbook.calamine_reader, which gives the same tables much faster;
this reader is what writers use (they edit the openpyxl workbook it opens) and the reference the
calamine reader is tested against.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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
from addin.workbook.grid import TableGrid, assemble
from addin.workbook.package_check import check_package
from addin.workbook.readable import check_readable
from addin.workbook.stand_ins import package_with_stand_ins
from addin.workbook.tables_read import WorkbookTables


def open_workbook(
    path: Path, *, data_only: bool = True, stand_ins: Mapping[str, str] | None = None
) -> Workbook:
    """Opens an .xlsx/.xlsm, turning every way it can fail into one clear UnreadableWorkbook.

    The package is checked first (addin.workbook.package_check: zip bombs, too many parts, XML
    declaring entities), so a hostile file is refused before openpyxl parses any of it.
    `stand_ins` (title -> sheet part) are loaded empty: see addin.workbook.stand_ins.
    """
    check_readable(path)
    check_package(path)
    return load_checked(path, data_only=data_only, stand_ins=stand_ins)


def load_checked(
    path: Path, *, data_only: bool = True, stand_ins: Mapping[str, str] | None = None
) -> Workbook:
    """`open_workbook` after the file has passed `check_readable` and `check_package`."""
    try:
        keep_vba = path.suffix.lower() == ".xlsm"
        if stand_ins:
            reduced = package_with_stand_ins(path, stand_ins)
            return load_workbook(reduced, data_only=data_only, keep_vba=keep_vba)
        # Our own handle, closed even when openpyxl fails half-way (it would leave its open).
        with path.open("rb") as handle:
            return load_workbook(handle, data_only=data_only, keep_vba=keep_vba)
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

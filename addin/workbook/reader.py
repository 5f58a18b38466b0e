"""Reads the competition workbook's tables by name and header, wherever they sit."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.table import Table
from openpyxl.worksheet.worksheet import Worksheet

from addin.domain import schema
from addin.domain.cells import as_text
from addin.domain.parse import RawTable
from addin.errors import UnreadableWorkbook, WorkbookStructureError
from addin.workbook.layout import TableLayout, WorkbookLayout

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TEMPLATE_HINT = "Start from the template: dps new OUT.xlsx --reference REF --lot N"


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
        path, "this is not an Excel workbook (not an .xlsx file)", _TEMPLATE_HINT
    )


def check_readable(path: Path) -> None:
    """Raises UnreadableWorkbook unless `path` is an existing file in the .xlsx (zip) format."""
    if not path.exists():
        raise UnreadableWorkbook(path, "no such file", "Check the path.")
    if path.is_dir():
        raise UnreadableWorkbook(path, "is a folder, not a workbook")
    if not zipfile.is_zipfile(path):
        raise _diagnose_non_zip(path)


def open_workbook(path: Path, *, data_only: bool = True) -> Workbook:
    """Opens an .xlsx/.xlsm, turning every way it can fail into one clear UnreadableWorkbook."""
    check_readable(path)
    try:
        return load_workbook(path, data_only=data_only, keep_vba=path.suffix.lower() == ".xlsm")
    except InvalidFileException as exc:
        raise UnreadableWorkbook(path, f"cannot be opened as a workbook ({exc})") from exc
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
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


def read_table(
    path: Path, sheet: Worksheet, table: Table, required: Iterable[str]
) -> tuple[TableLayout, RawTable]:
    first_col, header_row, last_col, last_row = range_boundaries(table.ref)
    assert first_col and header_row and last_col and last_row
    headers = [as_text(sheet.cell(header_row, c).value) for c in range(first_col, last_col + 1)]
    columns = {h: get_column_letter(first_col + i) for i, h in enumerate(headers) if h}
    missing = [h for h in required if h not in columns]
    if missing:
        raise WorkbookStructureError(
            path,
            f"table {table.displayName} on sheet {sheet.title} has no column "
            + ", ".join(f'"{h}"' for h in missing)
            + " (renamed or deleted header?)",
            "Restore the header text exactly as in the template.",
        )
    rows = []
    for values in sheet.iter_rows(
        min_row=header_row + 1,
        max_row=last_row,
        min_col=first_col,
        max_col=last_col,
        values_only=True,
    ):
        rows.append({h: v for h, v in zip(headers, values, strict=True) if h})
    layout = TableLayout(
        name=table.displayName,
        sheet=sheet.title,
        header_row=header_row,
        first_column=first_col,
        last_row=last_row,
        columns=columns,
    )
    if "Field" in columns:
        layout.keys = {as_text(row.get("Field")).casefold(): i for i, row in enumerate(rows)}
    return layout, RawTable(
        name=table.displayName, rows=rows, columns=tuple(h for h in headers if h)
    )


@dataclass
class WorkbookTables:
    """Every table of one workbook, as raw rows, and where each sits."""

    path: Path
    tables: dict[str, RawTable]
    layout: WorkbookLayout

    def find(self, name: str) -> RawTable | None:
        """A table by name, ignoring case as Excel does."""
        key = name.casefold()
        return next((t for n, t in self.tables.items() if n.casefold() == key), None)


def read_tables(path: Path, specs: Iterable[schema.TableSpec] = schema.TABLES) -> WorkbookTables:
    return tables_of(open_workbook(path), path, specs)


def tables_of(
    book: Workbook, path: Path, specs: Iterable[schema.TableSpec] = schema.TABLES
) -> WorkbookTables:
    """Every table of an open workbook; those in `specs` must exist with their headers.

    `path` is only used to name the workbook in errors.
    """
    found = find_tables(book)
    for spec in specs:
        if spec.name.casefold() not in found:
            raise WorkbookStructureError(
                path,
                f"there is no table named {spec.name} (expected on sheet {spec.sheet})",
                "Restore it from the template, or rename the table back in Table Design > "
                "Table Name. " + _TEMPLATE_HINT,
            )
    known = {spec.name.casefold(): spec for spec in (*specs, *schema.LATER_TABLES)}
    layout = WorkbookLayout()
    tables: dict[str, RawTable] = {}
    for key, (sheet, table) in found.items():
        known_spec = known.get(key)
        # Known tables are filed under their canonical name, whatever case the file uses.
        name = known_spec.name if known_spec else table.displayName
        columns = known_spec.columns if known_spec else ()
        table_layout, raw = read_table(path, sheet, table, columns)
        layout.tables[name] = table_layout
        tables[name] = RawTable(name=name, rows=raw.rows, columns=raw.columns)
    return WorkbookTables(path=path, tables=tables, layout=layout)

"""Writing the Lock record, the audit trail and the sheet protection that guards them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from openpyxl.styles import Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from addin.domain import schema
from addin.workbook import sheet_text, styles
from addin.workbook.cell_values import put
from addin.workbook.reader import find_tables
from addin.workbook.tables import add_table, append_rows, table_in, write_rows

# Sheet protection is a guard against slips, not security (Excel's hash is 16 bits): the
# fingerprint and the audit chain are what prove the criteria did not change.
_UNLOCKED = Protection(locked=False)


def _record_sheet(book: Workbook, spec: schema.TableSpec) -> Worksheet:
    found = find_tables(book).get(spec.name.casefold())
    if found:
        return found[0]
    sheet = book.create_sheet(spec.sheet)
    heading, hint = sheet_text.RECORDS[spec.name]
    put(sheet["A1"], heading)
    put(sheet["A2"], hint)
    sheet["A1"].font, sheet["A2"].font = styles.TITLE_FONT, styles.HINT_FONT
    add_table(sheet, spec.name, spec.columns, schema.HEADER_ROW)
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 80
    return sheet


def write_record(
    book: Workbook, spec: schema.TableSpec, rows: Sequence[Mapping[str, object]]
) -> None:
    """An Item | Value record the add-in keeps (Lock, Seal): hidden, protected, rewritten whole."""
    sheet = _record_sheet(book, spec)
    write_rows(sheet, sheet.tables[spec.name], rows)
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True
    keep_audit_last(book)


def write_visible_record(
    book: Workbook, spec: schema.TableSpec, rows: Sequence[Mapping[str, object]]
) -> None:
    """A sheet the add-in writes for people to read (Award, Publication), rewritten whole."""
    sheet = _record_sheet(book, spec)
    if len(spec.columns) > 2:
        for i, width in enumerate((60, 18, 14, 14, 30)[: len(spec.columns)]):
            sheet.column_dimensions["ABCDE"[i]].width = width
    write_rows(sheet, sheet.tables[spec.name], rows)
    if "Value" in spec.columns:
        for r, row in enumerate(rows, start=4):
            sheet.cell(r, 2).number_format = styles.format_for(row.get("Value"))
    keep_audit_last(book)


def protect_launched(book: Workbook, locked_fields: Sequence[str]) -> None:
    """Criteria locked whole; on Competition only the locked fields and Status."""
    criteria, _ = table_in(book, schema.CRITERIA.name)
    criteria.protection.sheet = True
    competition, table = table_in(book, schema.COMPETITION.name)
    locked = {f.casefold() for f in (*locked_fields, "Status", "Standstill end")}
    first = competition[table.ref.split(":")[0]]
    for row in competition.iter_rows(min_row=first.row + 1, max_row=competition.max_row + 50):
        for cell in row:
            label = str(competition.cell(cell.row, first.column).value or "").casefold()
            if cell.column != first.column + 1 or label not in locked:
                cell.protection = _UNLOCKED
    competition.protection.sheet = True
    audit, _ = table_in(book, schema.AUDIT.name)
    audit.protection.sheet = True
    keep_audit_last(book)


def keep_audit_last(book: Workbook) -> None:
    """The Audit sheet stays last, after any sheet the add-in adds."""
    audit, _ = table_in(book, schema.AUDIT.name)
    book.move_sheet(audit, offset=len(book.sheetnames) - 1 - book.sheetnames.index(audit.title))


def write_log_sheet(
    book: Workbook,
    title: str,
    table_name: str,
    columns: Sequence[str],
    rows: Sequence[Mapping[str, object]],
) -> None:
    """Appends to a simple log table (e.g. Letters), creating its sheet before Audit if needed."""
    found = find_tables(book).get(table_name.casefold())
    if found is None:
        sheet = book.create_sheet(title)
        put(sheet["A1"], title)
        sheet["A1"].font = styles.TITLE_FONT
        table = add_table(sheet, table_name, columns, schema.HEADER_ROW)
        # ID, outcome and dates narrow; the file path wide.
        for i, _ in enumerate(columns):
            sheet.column_dimensions[get_column_letter(i + 1)].width = 60 if i == 2 else 20
        keep_audit_last(book)
    else:
        sheet, table = found
    append_rows(sheet, table, rows)

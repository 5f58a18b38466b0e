"""The Moderation sheet: every evaluator's score side by side, the spread, the agreed score.

It is rebuilt from the evaluator tabs each time, keeping every Moderated score and rationale
already entered (matched by supplier and criterion).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from openpyxl.utils.cell import get_column_letter
from openpyxl.workbook.workbook import Workbook

from addin.domain.schema import (
    HEADER_ROW,
    MODERATION,
    MODERATION_COLUMNS_BEFORE,
    MODERATION_RATIONALE,
)
from addin.workbook import sheet_text, styles
from addin.workbook.tables import add_table, fresh_sheet, write_rows

TOP = HEADER_ROW


def write_moderation(
    book: Workbook,
    headers: Sequence[str],
    rows: Sequence[Mapping[str, object]],
    flagged: Sequence[int],
) -> None:
    sheet = fresh_sheet(book, MODERATION.name, MODERATION.sheet, *sheet_text.MODERATION)
    table = add_table(sheet, MODERATION.name, headers, TOP)
    write_rows(sheet, table, rows)
    for i in flagged:
        for col in range(1, len(headers) + 1):
            sheet.cell(TOP + 1 + i, col).fill = styles.SPREAD_FILL
    widths = {**dict.fromkeys(MODERATION_COLUMNS_BEFORE, 12), MODERATION_RATIONALE: 70}
    for i, header in enumerate(headers):
        sheet.column_dimensions[get_column_letter(i + 1)].width = widths.get(header, 14)
    sheet.freeze_panes = f"A{TOP + 1}"

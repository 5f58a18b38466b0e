"""Abandoning from Excel: the reason typed on an Abandon sheet, then the same service as the CLI.

The CLI takes the reason as `dps abandon BOOK --reason …`; the ribbon's first press adds an
Abandon sheet (tblAbandon) for it, and the next press with a reason typed hands it to the
service, which audits the decision, writes the letters and marks the competition Abandoned.
"""

from __future__ import annotations

from datetime import datetime

from addin.domain.cells import as_text
from addin.domain.schema import ABANDON, HEADER_ROW
from addin.excel.live_workbook import LiveWorkbook
from addin.services.integrity import require_status
from addin.services.loading import parse_tables

SHEET = ABANDON.sheet
(REASON,) = ABANDON.columns


def typed_reason(live: LiveWorkbook) -> str:
    raw = live.read().find(ABANDON.name)
    reasons = [as_text(row.get(REASON)) for row in (raw.rows if raw else ())]
    return " ".join(r for r in reasons if r)


def prepare(live: LiveWorkbook, now: datetime) -> None:
    """Adds the Abandon sheet for the reason, after checking abandoning is possible at all."""
    tables = live.read()
    require_status("abandon", parse_tables(tables), now)  # refuse before adding anything
    if tables.find(ABANDON.name) is not None:
        return
    sheet = live.add_sheet(SHEET)
    live.title(
        sheet,
        "Abandon: the decision not to award this contract",
        "Type the reason (it is quoted in every letter and the report), then press Abandon.",
    )
    live.add_table(sheet, ABANDON.name, ABANDON.columns, HEADER_ROW, [])
    sheet.activate()

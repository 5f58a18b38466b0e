"""Late bids accepted from Excel: the officer's decisions typed on a Late bids sheet.

The CLI takes one decision as `dps accept-late BOOK SUPPLIER_ID --reason …`; the ribbon reads
the same two facts from tblLateBids and hands every new one to the same audited service, in
one unit of work (the remote engine shows a later read nothing an earlier write queued).
"""

from __future__ import annotations

from datetime import datetime

from addin.domain.cells import as_text
from addin.domain.schema import HEADER_ROW, LATE_BIDS
from addin.excel.live_workbook import LiveWorkbook
from addin.services.integrity import require_status
from addin.services.loading import parse_tables

SHEET = LATE_BIDS.sheet
SUPPLIER, REASON = LATE_BIDS.columns


def typed_decisions(live: LiveWorkbook) -> list[tuple[str, str]]:
    """Every row with a Supplier ID and a Reason; none when the sheet is not there yet."""
    raw = live.read().find(LATE_BIDS.name)
    rows = [
        (as_text(row.get(SUPPLIER)), as_text(row.get(REASON))) for row in (raw.rows if raw else ())
    ]
    return [(supplier, reason) for supplier, reason in rows if supplier and reason]


def prepare(live: LiveWorkbook, now: datetime) -> bool:
    """Adds the Late bids sheet for the officer's decisions; False when it is already there.

    Refuses first (status, closing time) so nothing is added to a competition that cannot take
    a late bid.
    """
    tables = live.read()
    require_status("accept-late", parse_tables(tables), now)
    if tables.find(LATE_BIDS.name) is not None:
        return False
    sheet = live.add_sheet(SHEET)
    live.title(
        sheet,
        "Late bids accepted: the officer's decisions, with reasons",
        "A late bid is not evaluated unless accepted here, before the evaluator tabs. Type the "
        "Supplier ID and why (e.g. a portal failure), then press Accept late bid.",
    )
    live.add_table(sheet, LATE_BIDS.name, LATE_BIDS.columns, HEADER_ROW, [])
    sheet.activate()
    return True

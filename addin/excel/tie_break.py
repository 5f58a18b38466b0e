"""A tie for first place, settled from Excel: the panel's decision typed on a Tie-break sheet.

The CLI takes the decision as `dps score --tie-break ID --reason …`; the ribbon reads the same
two facts from tblTieBreak and hands them to the same service, which audits the decision.
"""

from __future__ import annotations

from addin.domain.cells import as_text
from addin.domain.schema import HEADER_ROW, TIE_BREAK
from addin.excel.live_workbook import LiveWorkbook
from addin.services.evaluation import recorded_tie_break
from addin.services.loading import parse_tables

SHEET = TIE_BREAK.sheet
SUPPLIER, REASON = TIE_BREAK.columns


def new_decision(live: LiveWorkbook) -> tuple[str, str] | None:
    """The decision typed on the sheet, unless it is the one already in the audit trail."""
    tables = live.read()
    raw = tables.find(TIE_BREAK.name)
    typed = [
        (as_text(row.get(SUPPLIER)), as_text(row.get(REASON))) for row in (raw.rows if raw else ())
    ]
    decision = next(((s, r) for s, r in typed if s and r), None)
    recorded = recorded_tie_break(parse_tables(tables))
    if decision is None or (recorded and recorded.casefold() == decision[0].casefold()):
        return None
    return decision


def prepare(live: LiveWorkbook) -> bool:
    """Adds the Tie-break sheet for the panel's decision; False when it is already there."""
    if live.read().find(TIE_BREAK.name) is not None:
        return False
    sheet = live.add_sheet(SHEET)
    live.title(
        sheet,
        "Tie-break: the panel's decision on a tie for first place",
        "Type the chosen Supplier ID and the reason (as stated before launch), then press Score.",
    )
    live.add_table(sheet, TIE_BREAK.name, TIE_BREAK.columns, HEADER_ROW, [])
    sheet.activate()
    return True

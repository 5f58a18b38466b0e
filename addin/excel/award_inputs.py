"""The award from Excel: the officer types the contract's date and value on the Award sheet.

The CLI takes them as `dps award --signed … --value-ex-vat … --value-inc-vat …`; the first press
of Award adds the sheet (tblAward) for them, the next reads them and runs the same service,
which then rewrites the sheet as the award record.
"""

from __future__ import annotations

from datetime import datetime

from addin.domain import schema
from addin.domain.award import AwardTerms, read_terms, terms_rows
from addin.errors import ProblemsFound
from addin.excel.live_workbook import LiveWorkbook
from addin.services.integrity import require_status
from addin.services.loading import parse_tables
from addin.workbook import sheet_text

HINT = (
    "Type the date the contract was signed and its value with and without VAT, then press "
    "Award (after the standstill has ended)."
)


def typed_terms(live: LiveWorkbook, now: datetime) -> AwardTerms | None:
    """The terms on the Award sheet; None when the sheet has just been added for them."""
    tables = live.read()
    loaded = parse_tables(tables)
    require_status("award", loaded, now)  # refuse before adding anything
    raw = tables.find(schema.AWARD.name)
    if raw is None:
        sheet = live.add_sheet(schema.AWARD.sheet)
        live.title(sheet, sheet_text.AWARD[0], HINT)
        live.add_table(
            sheet, schema.AWARD.name, schema.AWARD.columns, 3, terms_rows(loaded.file.competition)
        )
        sheet.activate()
        return None
    terms, problems = read_terms(raw.rows)
    if terms is None:
        raise ProblemsFound(
            "the Award sheet is not complete",
            loaded.locate(problems),
            "Fill in each cell named, then press Award again.",
        )
    return terms

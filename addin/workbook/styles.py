"""Formats and drop-downs shared by the template and every writer, so rows added later match."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from addin.domain import schema
from addin.domain.models import (
    AwardNoticeGrouping,
    Category,
    LowPriceDecision,
    MemberStatus,
    ModerationMethod,
    PriceMethod,
    Role,
    Status,
    TieBreakRule,
)

DATE = "dd/mm/yyyy"
DATE_TIME = "dd/mm/yyyy hh:mm"
DATE_TIME_SECONDS = "dd/mm/yyyy hh:mm:ss"
MONEY = '"£"#,##0.00'
NUMBER = "0.##"
TABLE_STYLE = "TableStyleMedium2"

# Calibri, Excel's own default: the workbook's Normal style is Calibri 11, column widths are
# measured in its digits, so titles and labels in the same face keep the widths true. Named on
# every style so no viewer falls back to a face of its own (LibreOffice chose a serif).
FONT_NAME = "Calibri"
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True, color="1F3864")
HINT_FONT = Font(name=FONT_NAME, size=11, italic=True, color="595959")
LABEL_FONT = Font(name=FONT_NAME, size=11, bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")  # a label beside wrapped text stays level with its first line
ERROR_FILL = PatternFill("solid", start_color="FFC7CE")
WARNING_FILL = PatternFill("solid", start_color="FFEB9C")
SPREAD_FILL = PatternFill("solid", start_color="F8CBAD")

# Rows below each table that carry its drop-downs and formats, so new rows typed by an officer
# (Excel extends the table) get them too.
VALIDATED_ROWS = 500


def choices(*values: str) -> str:
    return '"' + ",".join(values) + '"'


def enum_choices(
    kind: type[
        Category
        | MemberStatus
        | PriceMethod
        | ModerationMethod
        | Status
        | AwardNoticeGrouping
        | Role
        | LowPriceDecision
        | TieBreakRule
    ],
) -> str:
    return choices(*(m.value for m in kind))


YES_NO_LIST = choices("Yes", "No")

COLUMN_FORMATS: dict[str, dict[str, str]] = {
    schema.MEMBERS.name: {"Admitted on": DATE},
    schema.BIDS.name: {
        "Received at": DATE_TIME,
        "Price": MONEY,
        "Low price explanation requested": DATE,
    },
    schema.CRITERIA.name: {"Weight %": NUMBER},
    schema.DECLARATIONS.name: {"Declared on": DATE},
    schema.CLARIFICATIONS.name: {"Received on": DATE, "Published to all on": DATE},
    schema.PRE_AWARD.name: {"Confirmed on": DATE},
    schema.AUDIT.name: {"When": DATE_TIME},
    schema.PUBLICATION.name: {"Due by": DATE, "Published on": DATE},
    schema.LETTERS.name: {
        "Letter date": DATE,
        "Produced at": DATE_TIME,
        "Standstill ends": DATE_TIME_SECONDS,
    },
}
# Columns of free text, in any table: wrapped on every row, so a long answer grows the row
# instead of being cut at the next column (on screen and on paper).
WRAPPED_COLUMNS: frozenset[str] = frozenset(
    {
        "Criterion",
        "Guidance",
        "Notes",
        "Details",
        "Rationale",
        "Moderation rationale",
        "Reasons",
        "Question",
        "Answer",
        "Measures taken",
        "Low price reasons",
        "Subcontractors",
        "Address",
        "File",
    }
)
# Hashes (the audit chain): 64 characters a reader compares by their first few; the add-in
# checks them in full. Left at their width, not widened across the page or wrapped.
CLIPPED_COLUMNS: frozenset[str] = frozenset({"Fingerprint", "Chain"})

FIELD_FORMATS: dict[str, str] = {
    "Estimated value (GBP)": MONEY,
    "Invitation date": DATE,
    "Closing date": DATE_TIME,
    "Contract start": DATE,
    "Contract end": DATE,
    "Standstill end": DATE_TIME_SECONDS,
    "Members list dated": DATE,
}


def format_for(value: object) -> str:
    """A Field | Value table's value cell: dates as dates, amounts as money, else General."""
    if isinstance(value, datetime):
        return DATE if value.time() == time() else DATE_TIME
    if isinstance(value, date):
        return DATE
    if isinstance(value, Decimal):
        return MONEY
    return "General"


def list_validation(formula: str, prompt: str) -> DataValidation:
    return DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Pick from the list",
        error=prompt,
        promptTitle="",
        prompt=prompt,
        showInputMessage=True,
    )


def whole_validation(low: int, high: int, prompt: str) -> DataValidation:
    return DataValidation(
        type="whole",
        operator="between",
        formula1=str(low),
        formula2=str(high),
        allow_blank=True,
        showErrorMessage=True,
        error=prompt,
        prompt=prompt,
        showInputMessage=True,
    )


def decimal_validation(low: float, high: float, prompt: str) -> DataValidation:
    return DataValidation(
        type="decimal",
        operator="between",
        formula1=str(low),
        formula2=str(high),
        allow_blank=True,
        showErrorMessage=True,
        error=prompt,
        prompt=prompt,
        showInputMessage=True,
    )


def date_validation(prompt: str) -> DataValidation:
    # 1 Jan 2020 to 31 Dec 2035 as Excel serials: stops typos such as 2205 for 2025.
    return DataValidation(
        type="date",
        operator="between",
        formula1="43831",
        formula2="49674",
        allow_blank=True,
        showErrorMessage=True,
        error=prompt,
        prompt=prompt,
        showInputMessage=True,
    )

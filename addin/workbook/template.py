"""Builds the competition workbook template: one sheet per table, drop-downs, formats.

The committed workbook_templates/mini_competition.xlsx is this builder's output; a test proves
they match, so change the layout here and run `make template`.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table
from openpyxl.worksheet.worksheet import Worksheet

from addin.domain import schema
from addin.domain.models import (
    DEFAULT_EVALUATION_DAYS,
    DEFAULT_TIE_BREAK,
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
from addin.domain.rules.award import USUAL_CHECKS
from addin.workbook import print_setup, styles
from addin.workbook.guide import STEPS, dps_reference_rows
from addin.workbook.safe_save import save_atomically
from addin.workbook.tables import add_table, write_rows

TEMPLATE_PATH = Path(__file__).resolve().parents[2] / "workbook_templates" / "mini_competition.xlsx"
HEADER_ROW = 3

DEFAULTS: dict[str, object] = {
    "Price scoring method": PriceMethod.LOWEST_PRICE.value,
    "Score scale maximum": 5,
    "Moderation method": ModerationMethod.CONSENSUS.value,
    "Standstill days": 10,
    "Status": Status.DRAFT.value,
    "Award notice grouping": AwardNoticeGrouping.EACH_AWARD.value,
    "Evaluation days": DEFAULT_EVALUATION_DAYS,
    "Tie-break rule": DEFAULT_TIE_BREAK.value,
}

COLUMN_WIDTHS: dict[str, dict[str, int]] = {
    schema.COMPETITION.name: {"Field": 26, "Value": 70},
    schema.CRITERIA.name: {"Criterion": 50, "Guidance": 50, "Category": 14},
    schema.MEMBERS.name: {
        "Supplier name": 34,
        "Contact email": 30,
        "Address": 36,
        "Contact name": 22,
        "Notes": 40,
    },
    schema.BIDS.name: {
        "Supplier name": 34,
        "Received at": 18,
        "Price": 14,
        "Notes": 40,
        "Low price explanation requested": 18,
        "Low price decision": 14,
        "Low price reasons": 50,
    },
    schema.DECLARATIONS.name: {"Name": 26, "Role": 26, "Details": 50, "Measures taken": 50},
    schema.CLARIFICATIONS.name: {"Question": 60, "Answer": 60, "Published to all on": 18},
    schema.PRE_AWARD.name: {"Check": 80, "Confirmed by": 22, "Notes": 40},
    schema.AUDIT.name: {"When": 18, "Details": 60, "Fingerprint": 24, "Chain": 24},
}


def _column_range(sheet: Worksheet, columns: tuple[str, ...], header: str) -> str:
    letter = chr(ord("A") + columns.index(header))
    return f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + styles.VALIDATED_ROWS}"


def _validate(sheet: Worksheet, dv: DataValidation, cells: str) -> None:
    dv.add(cells)
    sheet.add_data_validation(dv)


def _sheet_for(book: Workbook, spec: schema.TableSpec, title: str, hint: str) -> Worksheet:
    sheet = book.create_sheet(spec.sheet)
    sheet["A1"] = title
    sheet["A1"].font = styles.TITLE_FONT
    sheet["A2"] = hint
    sheet["A2"].font = styles.HINT_FONT
    add_table(sheet, spec.name, spec.columns, HEADER_ROW)
    for i, header in enumerate(spec.columns):
        width = COLUMN_WIDTHS.get(spec.name, {}).get(header, max(12, len(header) + 4))
        sheet.column_dimensions[chr(ord("A") + i)].width = width
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    return sheet


def _guide(book: Workbook) -> None:
    sheet = book.active
    assert sheet is not None
    sheet.title = "Guide"
    sheet["A1"] = "CCIN DPS mini-competition workbook"
    sheet["A1"].font = styles.TITLE_FONT
    row = 3
    for label, value in dps_reference_rows():
        sheet.cell(row, 1, label).font = styles.LABEL_FONT
        sheet.cell(row, 1).alignment = styles.TOP
        sheet.cell(row, 2, value).alignment = styles.WRAP
        row += 1
    row += 1
    sheet.cell(row, 1, "How to run a mini-competition").font = styles.LABEL_FONT
    for step in STEPS:
        row += 1
        # "1. Members: …" as Step 1 | Members: … so the text wraps in B, not off the page.
        number, _, text = step.partition(". ")
        sheet.cell(row, 1, f"Step {number}").alignment = styles.TOP
        sheet.cell(row, 2, text).alignment = styles.WRAP
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 80
    print_setup.fit_row_heights(sheet)


def _competition(book: Workbook) -> None:
    spec = schema.COMPETITION
    sheet = _sheet_for(
        book, spec, "Competition", "One value per field. Status is set by the add-in."
    )
    write_rows(
        sheet,
        sheet.tables[spec.name],
        [{"Field": f, "Value": DEFAULTS.get(f)} for f in schema.COMPETITION_FIELDS],
    )
    row_of = {f: HEADER_ROW + 1 + i for i, f in enumerate(schema.COMPETITION_FIELDS)}
    for field, fmt in styles.FIELD_FORMATS.items():
        sheet[f"B{row_of[field]}"].number_format = fmt
    per_field = {
        "Lot": styles.list_validation(styles.choices("1", "2"), "Lot 1 or Lot 2."),
        "Estimated value (GBP)": styles.decimal_validation(
            0, 30_000_000, "Value in £, up to £30m."
        ),
        "Invitation date": styles.date_validation("A date, dd/mm/yyyy."),
        "Closing date": styles.date_validation("Date and time bids close, dd/mm/yyyy hh:mm."),
        "Contract start": styles.date_validation("A date, dd/mm/yyyy."),
        "Contract end": styles.date_validation("A date, dd/mm/yyyy."),
        "Price scoring method": styles.list_validation(
            styles.enum_choices(PriceMethod), "Lowest price (usual) or Linear."
        ),
        "Score scale maximum": styles.whole_validation(1, 100, "Top of the quality scale, e.g. 5."),
        "Moderation method": styles.list_validation(
            styles.enum_choices(ModerationMethod), "Consensus (usual) or Average."
        ),
        "Standstill days": styles.whole_validation(0, 60, "10 or more; 0 for none (a risk)."),
        "Status": styles.list_validation(styles.enum_choices(Status), "Set by the add-in."),
        "Award notice grouping": styles.list_validation(
            styles.enum_choices(AwardNoticeGrouping),
            "Find a Tender award notice: one for each award, or grouped quarterly (reg. 50(6)).",
        ),
        "Standstill end": styles.date_validation("Set by the add-in when the letters are sent."),
        "Members list dated": styles.date_validation("Date of the membership list pasted."),
        "Evaluation days": styles.whole_validation(
            0, 60, "Working days from closing to the letters; blank means 5."
        ),
        "Tie-break rule": styles.list_validation(
            styles.enum_choices(TieBreakRule), "How equal totals are settled; locked at launch."
        ),
    }
    for field, dv in per_field.items():
        _validate(sheet, dv, f"B{row_of[field]}")


def _list_sheet(
    book: Workbook, spec: schema.TableSpec, hint: str, lists: dict[str, DataValidation]
) -> None:
    sheet = _sheet_for(book, spec, spec.sheet, hint)
    for header, dv in lists.items():
        _validate(sheet, dv, _column_range(sheet, spec.columns, header))
    for header, fmt in styles.COLUMN_FORMATS.get(spec.name, {}).items():
        letter = chr(ord("A") + spec.columns.index(header))
        sheet[f"{letter}{HEADER_ROW + 1}"].number_format = fmt


def build_template() -> Workbook:
    book = Workbook()
    _guide(book)
    _competition(book)
    yes_no = "Yes or No."
    _list_sheet(
        book,
        schema.CRITERIA,
        "Weights must total exactly 100 %; exactly one Price row.",
        {
            "Category": styles.list_validation(
                styles.enum_choices(Category), "Quality, Social Value or Price."
            ),
            "Weight %": styles.decimal_validation(0, 100, "Percentage points, e.g. 30 for 30 %."),
            "Max score": styles.whole_validation(1, 100, "Top of the scale, e.g. 5."),
        },
    )
    _list_sheet(
        book,
        schema.MEMBERS,
        "Paste the DPS membership list published by Oldham Council; Notes says why a member "
        "is Suspended or Removed.",
        {
            "Lot 1": styles.list_validation(styles.YES_NO_LIST, yes_no),
            "Lot 2": styles.list_validation(styles.YES_NO_LIST, yes_no),
            "Status": styles.list_validation(
                styles.enum_choices(MemberStatus), "Active, Suspended or Removed."
            ),
            "Admitted on": styles.date_validation("Date admitted to the DPS."),
            "SME": styles.list_validation(styles.YES_NO_LIST, yes_no),
            "VCSE": styles.list_validation(styles.YES_NO_LIST, yes_no),
        },
    )
    _list_sheet(
        book,
        schema.BIDS,
        "Every Active member of the lot, Invited = Yes. Record each bid; a non-compliant bid "
        "needs its reason in Notes, an abnormally low price the reg. 69 record.",
        {
            "Invited": styles.list_validation(styles.YES_NO_LIST, yes_no),
            "Bid received": styles.list_validation(styles.YES_NO_LIST, yes_no),
            "Compliant": styles.list_validation(styles.YES_NO_LIST, yes_no),
            "Received at": styles.date_validation("Date and time the bid arrived."),
            "Low price explanation requested": styles.date_validation(
                "Date the bidder was asked to explain a low price (reg. 69)."
            ),
            "Low price decision": styles.list_validation(
                styles.enum_choices(LowPriceDecision), "Accepted or Rejected, after asking."
            ),
        },
    )
    _record_sheets(book)
    _list_sheet(
        book, schema.AUDIT, "Written by the add-in only. Each row is chained to the last.", {}
    )
    print_setup.lay_out(book)
    return book


def _record_sheets(book: Workbook) -> None:
    """Declarations, Clarifications and Pre-award: the records an officer keeps as they go."""
    yes_no = "Yes or No."
    _list_sheet(
        book,
        schema.DECLARATIONS,
        "Everyone involved declares before seeing bids (the Officer first); a conflict needs "
        "the measures taken. Record a supplier's prior involvement here too.",
        {
            "Role": styles.list_validation(styles.enum_choices(Role), "Who this row is about."),
            "Conflict of interest": styles.list_validation(styles.YES_NO_LIST, yes_no),
            "Declared on": styles.date_validation("Date declared, before seeing any bid."),
        },
    )
    write_rows(*_table(book, schema.DECLARATIONS), [{"Role": Role.OFFICER.value}])
    _list_sheet(
        book,
        schema.CLARIFICATIONS,
        "Each question, its answer, and when both were shared with every invited supplier "
        "(before closing).",
        {
            "Received on": styles.date_validation("Date the question came in."),
            "Published to all on": styles.date_validation("Date shared with all bidders."),
        },
    )
    _list_sheet(
        book,
        schema.PRE_AWARD,
        "Before the letters: confirm each check on the winner's up-to-date evidence, with the "
        "date and your name. Add any the invitation required.",
        {"Confirmed on": styles.date_validation("Date confirmed.")},
    )
    write_rows(*_table(book, schema.PRE_AWARD), [{"Check": c} for c in USUAL_CHECKS])


def _table(book: Workbook, spec: schema.TableSpec) -> tuple[Worksheet, Table]:
    sheet = book[spec.sheet]
    return sheet, sheet.tables[spec.name]


def write_template(path: Path = TEMPLATE_PATH) -> Path:
    save_atomically(build_template(), path)
    return path

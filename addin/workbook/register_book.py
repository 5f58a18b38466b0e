"""The register workbook for the DPS owner: Summary (with a native Excel chart), Call-offs,
Cumulative and Problems, each an Excel Table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.utils.cell import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from addin.domain.problems import Problem
from addin.domain.register import CallOff, RegisterSummary, Share
from addin.workbook import print_setup, styles
from addin.workbook.cell_values import put
from addin.workbook.safe_save import save_atomically
from addin.workbook.tables import add_table, write_rows

Row = Mapping[str, object]
PERCENT = "0.0"
CALL_OFF_COLUMNS = (
    "Council",
    "Reference",
    "Title",
    "Lot",
    "Supplier",
    "SME",
    "VCSE",
    "Invited",
    "Bids",
    "Value excl. VAT (GBP)",
    "Value incl. VAT (GBP)",
    "Signed",
    "Contract start",
    "Contract end",
    "Standstill end",
    "Publication references",
    "Status",
    "Source",
)
SHARE_COLUMNS = ("Call-offs", "Value excl. VAT (GBP)", "Share of value %", "Share of call-offs %")
CUMULATIVE_COLUMNS = (
    "Signed",
    "Reference",
    "Council",
    "Value excl. VAT (GBP)",
    "Cumulative value (GBP)",
    "DPS maximum (GBP)",
)
FORMATS = {
    "Value excl. VAT (GBP)": styles.MONEY,
    "Value incl. VAT (GBP)": styles.MONEY,
    "Cumulative value (GBP)": styles.MONEY,
    "DPS maximum (GBP)": styles.MONEY,
    "Signed": styles.DATE,
    "Contract start": styles.DATE,
    "Contract end": styles.DATE,
    "Standstill end": styles.DATE_TIME_SECONDS,
    "Share of value %": PERCENT,
    "Share of call-offs %": PERCENT,
}


def _yes_no(value: bool | None) -> str:
    return "" if value is None else "Yes" if value else "No"


def _table(
    sheet: Worksheet, name: str, columns: Sequence[str], rows: Sequence[Row], top: int
) -> int:
    """Writes a table at `top`; returns the first free row below it (and a blank row)."""
    table = add_table(sheet, name, columns, top)
    write_rows(sheet, table, rows)
    for i, column in enumerate(columns, start=1):
        if column in FORMATS:
            for r in range(top + 1, top + 1 + len(rows)):
                sheet.cell(r, i).number_format = FORMATS[column]
    return top + max(1, len(rows)) + 3


def _heading(sheet: Worksheet, row: int, text: str) -> None:
    put(sheet.cell(row, 1), text)
    sheet.cell(row, 1).font = styles.TITLE_FONT


def call_off_row(c: CallOff) -> Row:
    values = (
        c.council,
        c.reference,
        c.title,
        c.lot,
        c.supplier,
        _yes_no(c.sme),
        _yes_no(c.vcse),
        c.invited,
        c.bids,
        c.value_ex_vat,
        c.value_inc_vat,
        c.signed,
        c.start,
        c.end,
        c.standstill_end,
        c.publication,
        c.status,
        c.source,
    )
    return dict(zip(CALL_OFF_COLUMNS, values, strict=True))


def share_rows(first: str, shares: Sequence[Share]) -> list[Row]:
    return [
        {
            first: s.name,
            "Call-offs": s.count,
            "Value excl. VAT (GBP)": s.value,
            "Share of value %": s.value_percent,
            "Share of call-offs %": s.count_percent,
        }
        for s in shares
    ]


def summary_rows(s: RegisterSummary, today: date) -> list[Row]:
    items: list[tuple[str, object]] = [
        ("As at", today),
        ("Call-offs listed", s.call_offs),
        ("Call-offs awarded", s.awarded),
        ("Awarded value excl. VAT (GBP)", s.total_ex_vat),
        ("Awarded value incl. VAT (GBP)", s.total_inc_vat),
        ("DPS maximum value (GBP)", s.maximum),
        ("Share of the maximum used %", s.used_percent),
        ("DPS expires at the end of", s.expires),
        ("Days left", s.days_left),
        ("SME share by value %", s.sme.value_percent),
        ("SME share by count %", s.sme.count_percent),
        ("VCSE share by value %", s.vcse.value_percent),
        ("VCSE share by count %", s.vcse.count_percent),
    ]
    return [{"Item": item, "Value": value} for item, value in items]


def _item_format(label: str, value: object) -> str:
    if "(GBP)" in label:
        return styles.MONEY
    if "%" in label:
        return PERCENT
    return styles.DATE if isinstance(value, date) else "0"


def _summary(book: Workbook, s: RegisterSummary, today: date) -> Worksheet:
    sheet = book.active
    assert sheet is not None
    sheet.title = "Summary"
    _heading(sheet, 1, "CCIN DPS register: call-offs against the £30m maximum")
    rows = summary_rows(s, today)
    row = _table(sheet, "tblSummary", ("Item", "Value"), rows, 3)
    for r, item in enumerate(rows, start=4):
        sheet.cell(r, 2).number_format = _item_format(str(item["Item"]), item["Value"])
    for name, first, shares in (
        ("tblLots", "Lot", s.lots),
        ("tblCouncils", "Council", s.councils),
        ("tblSuppliers", "Supplier", s.suppliers),
        ("tblQuarters", "Quarter", s.quarters),
    ):
        _heading(sheet, row - 1, f"By {first.lower()}")
        row = _table(sheet, name, (first, *SHARE_COLUMNS), share_rows(first, shares), row)
    for column, width in zip("ABCDE", (34, 16, 22, 16, 18), strict=True):
        sheet.column_dimensions[column].width = width
    return sheet


def _cumulative(book: Workbook, summary_sheet: Worksheet, s: RegisterSummary) -> None:
    sheet = book.create_sheet("Cumulative")
    rows = [
        {
            "Signed": p.signed,
            "Reference": p.reference,
            "Council": p.council,
            "Value excl. VAT (GBP)": p.value,
            "Cumulative value (GBP)": p.total,
            "DPS maximum (GBP)": s.maximum,
        }
        for p in s.cumulative
    ]
    _table(sheet, "tblCumulative", CUMULATIVE_COLUMNS, rows, 1)
    for i in range(1, len(CUMULATIVE_COLUMNS) + 1):
        sheet.column_dimensions[get_column_letter(i)].width = 22
    chart = LineChart()
    chart.title = "Cumulative value awarded against the DPS maximum"
    chart.y_axis.title = "£ excluding VAT"
    chart.x_axis.title = "Contract signed"
    chart.x_axis.number_format = styles.DATE
    chart.height, chart.width = 9, 18
    last = 1 + max(1, len(rows))
    chart.add_data(
        Reference(sheet, min_col=5, max_col=6, min_row=1, max_row=last), titles_from_data=True
    )
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=last))
    summary_sheet.add_chart(chart, "G3")


def _problems(book: Workbook, problems: Sequence[Problem], unreadable: Sequence[Row]) -> None:
    sheet = book.create_sheet("Problems")
    rows: list[Row] = [*unreadable]
    rows += [
        {
            "Code": p.code,
            "Severity": p.severity.value,
            "Where": "; ".join(p.cells),
            "Message": p.message,
        }
        for p in problems
    ]
    _table(sheet, "tblProblems", ("Code", "Severity", "Where", "Message"), rows, 1)
    for column, width in zip("ABCD", (28, 10, 60, 90), strict=True):
        sheet.column_dimensions[column].width = width


def write_register(
    path: Path,
    call_offs: Sequence[CallOff],
    summary: RegisterSummary,
    problems: Sequence[Problem],
    unreadable: Sequence[Row],
    today: date,
) -> Path:
    book = Workbook()
    summary_sheet = _summary(book, summary, today)
    sheet = book.create_sheet("Call-offs")
    _table(sheet, "tblCallOffs", CALL_OFF_COLUMNS, [call_off_row(c) for c in call_offs], 1)
    sheet.freeze_panes = "C2"
    for i, column in enumerate(CALL_OFF_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(10, min(40, len(column) + 4))
    _cumulative(book, summary_sheet, summary)
    _problems(book, problems, unreadable)
    print_setup.lay_out(book)
    save_atomically(book, path)
    return path

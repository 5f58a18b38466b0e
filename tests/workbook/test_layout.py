"""The workbook as officers see and print it: formats on every row, drop-downs, widths, paper.

Found by opening the demo in LibreOffice and printing: rows added by `dps invite` showed
`2026-11-16 9:00:00` and `48500`, labels were cut, and the blank template printed 14 pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from addin.demo.officer import record_bids
from addin.domain import schema
from addin.services.create import invite_required
from addin.services.letters import write_letters
from addin.workbook import print_setup, styles
from addin.workbook.file_workbook import FileWorkbook
from addin.workbook.tables import append_rows, table_in
from addin.workbook.template import TEMPLATE_PATH, build_template
from tests.builders import CLOSING, PANEL_DAY, TODAY, build_workbook, scored_workbook

NOW = datetime.combine(TODAY, time(9, 0))
A4 = 9


def _covered(sheet: Worksheet, cell: str, kind: str) -> bool:
    return any(
        rule.type == kind and cell in rule.sqref for rule in sheet.data_validations.dataValidation
    )


# --- rows added later look like the first -------------------------------------------------------


def test_rows_added_by_invite_keep_the_bids_formats_and_drop_downs(tmp_path: Path) -> None:
    path = build_workbook(tmp_path, bids=[])
    assert len(invite_required(FileWorkbook(path), NOW)) == 4  # rows 4 to 7
    record_bids(path, CLOSING)  # typed by the officer into the rows invite added
    sheet = load_workbook(path)["Bids"]
    for r in range(4, 8):
        assert sheet[f"E{r}"].number_format == styles.DATE_TIME, r
        assert sheet[f"F{r}"].number_format == styles.MONEY, r
        assert sheet[f"H{r}"].alignment.wrap_text, r  # Notes
        assert _covered(sheet, f"C{r}", "list") and _covered(sheet, f"E{r}", "date"), r
    assert isinstance(sheet["F6"].value, int)  # 48500, shown as £48,500.00


def test_a_table_grown_past_its_drop_downs_takes_them_along() -> None:
    book = build_template()
    sheet, table = table_in(book, schema.BIDS.name)
    rows = [{"Supplier ID": f"S{i}", "Invited": "Yes"} for i in range(styles.VALIDATED_ROWS + 10)]
    append_rows(sheet, table, rows)
    last = 3 + len(rows)
    assert _covered(sheet, f"C{last}", "list") and _covered(sheet, f"E{last}", "date")
    assert not _covered(sheet, f"C{last + 1}", "list")
    assert sheet[f"F{last}"].number_format == styles.MONEY


def test_a_single_cell_s_list_is_not_spread_down_its_column() -> None:
    """One evaluator row's score list (0 to its maximum) is that row's alone."""
    book = build_template()
    sheet, table = table_in(book, schema.BIDS.name)
    single = styles.list_validation(styles.choices("0", "1"), "0 or 1.")
    single.add("I4")
    sheet.add_data_validation(single)
    append_rows(sheet, table, [{"Supplier ID": "S1"}, {"Supplier ID": "S2"}])
    assert str(single.sqref) == "I4"


def test_the_letters_log_shows_dates_and_times(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    write_letters(FileWorkbook(path), tmp_path / "letters", None, PANEL_DAY)
    sheet = load_workbook(path)["Letters"]
    rows = range(4, 8)
    assert [sheet[f"D{r}"].number_format for r in rows] == [styles.DATE] * 4
    assert [sheet[f"E{r}"].number_format for r in rows] == [styles.DATE_TIME] * 4
    assert [sheet[f"F{r}"].number_format for r in rows] == [styles.DATE_TIME_SECONDS] * 4
    assert all(sheet[f"C{r}"].alignment.wrap_text for r in rows)  # the file's full path


# --- widths and wrapping ------------------------------------------------------------------------


def test_labels_and_criteria_are_not_cut(tmp_path: Path) -> None:
    book = load_workbook(scored_workbook(tmp_path))
    evaluator = book["Eval A. Khan"]
    assert print_setup.column_width(evaluator, 1) >= len("Conflict of interest") + 2
    assert all(evaluator[f"D{r}"].alignment.wrap_text for r in range(9, 21))  # Criterion
    criteria = book["Criteria"]
    assert all(criteria[f"C{r}"].alignment.wrap_text for r in range(4, 9))
    audit = book["Audit"]
    actions = [str(audit[f"C{r}"].value) for r in range(4, audit.max_row + 1)]
    assert print_setup.column_width(audit, 3) >= max(len(a) for a in actions) + 2


def test_the_template_s_free_text_columns_wrap_from_the_first_row() -> None:
    book = load_workbook(TEMPLATE_PATH)
    assert book["Criteria"]["C4"].alignment.wrap_text  # Criterion
    assert book["Criteria"]["G4"].alignment.wrap_text  # Guidance
    assert book["Bids"]["H4"].alignment.wrap_text  # Notes
    assert print_setup.column_width(book["Criteria"], 3) >= 40
    guide = book["Guide"]
    steps = [r for r in range(1, guide.max_row + 1) if str(guide[f"A{r}"].value).startswith("Step")]
    assert steps and all(guide[f"B{r}"].alignment.wrap_text for r in steps)
    assert print_setup.used_width(guide) <= print_setup.PORTRAIT_WIDTH  # no second page across


def test_a_title_wider_than_its_table_is_kept_whole() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "A heading far wider than the two narrow columns below it"
    sheet["A1"].font = styles.TITLE_FONT
    sheet["A3"], sheet["B3"] = "ID", "Name"
    print_setup.keep_titles_whole(sheet)
    assert print_setup.used_width(sheet) >= len(str(sheet["A1"].value)) * 1.4


# --- print setup --------------------------------------------------------------------------------


def _tables_header(sheet: Worksheet) -> str | None:
    """The header row of the sheet's longest table, as openpyxl reads print titles back."""
    spans = [range_boundaries(t.ref)[1::2] for t in sheet.tables.values()]
    if not spans:
        return None
    top, _ = max(spans, key=lambda span: (span[1] or 0) - (span[0] or 0))
    return f"${top}:${top}"


def _assert_prints_on_a4_one_page_wide(book: Workbook) -> None:
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert int(setup.paperSize) == A4, sheet.title
        assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        wide = print_setup.used_width(sheet) > print_setup.PORTRAIT_WIDTH
        assert setup.orientation == ("landscape" if wide else "portrait"), sheet.title
        assert sheet.print_title_rows == _tables_header(sheet), sheet.title
        assert "&A" in str(sheet.oddHeader.right.text), sheet.title
        assert "Page &P of &N" in str(sheet.oddFooter.center.text), sheet.title


def test_every_sheet_of_the_template_prints_on_a4_one_page_wide() -> None:
    book = load_workbook(TEMPLATE_PATH)
    _assert_prints_on_a4_one_page_wide(book)
    assert book["Guide"].page_setup.orientation == "portrait"
    assert book["Competition"].page_setup.orientation == "portrait"
    assert book["Bids"].page_setup.orientation == "landscape"
    assert book["Bids"].print_title_rows == "$3:$3"


def test_every_sheet_the_add_in_adds_prints_the_same_way(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    write_letters(FileWorkbook(path), tmp_path / "letters", None, PANEL_DAY)
    book = load_workbook(path)
    assert {"Eval A. Khan", "Moderation", "Results", "Letters", "Lock", "Seal"} <= set(
        book.sheetnames
    )
    _assert_prints_on_a4_one_page_wide(book)
    assert book["Results"].print_title_rows == "$10:$10"  # the breakdown runs over pages
    assert book["Eval A. Khan"].print_title_rows == "$8:$8"  # the scores, not the declaration


def test_an_officer_s_own_print_settings_are_kept(tmp_path: Path) -> None:
    path = build_workbook(tmp_path, bids=[])
    book = load_workbook(path)
    book["Bids"].page_setup.orientation = "portrait"
    book["Bids"].page_setup.paperSize = 8  # A3
    book.save(path)
    invite_required(FileWorkbook(path), NOW)
    bids = load_workbook(path)["Bids"].page_setup
    assert (bids.orientation, int(bids.paperSize)) == ("portrait", 8)


# --- fonts --------------------------------------------------------------------------------------


def _styled_cells(book: Workbook) -> Iterator[tuple[Worksheet, Cell]]:
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell, Cell) and cell.has_style:
                    yield sheet, cell


def test_every_font_names_its_face_and_size(tmp_path: Path) -> None:
    path = scored_workbook(tmp_path)
    write_letters(FileWorkbook(path), tmp_path / "letters", None, PANEL_DAY)
    for book in (load_workbook(TEMPLATE_PATH), load_workbook(path)):
        fonts = {(cell.font.name, cell.font.sz) for _, cell in _styled_cells(book)}
        assert fonts and all(name == styles.FONT_NAME and size for name, size in fonts), fonts
    for font in (styles.TITLE_FONT, styles.HINT_FONT, styles.LABEL_FONT):
        assert (font.name, bool(font.sz)) == (styles.FONT_NAME, True)


def test_results_rows_are_tall_enough_for_every_reason(tmp_path: Path) -> None:
    """Each evaluator's reason is a line of its own in the breakdown; LibreOffice does not size
    rows itself, so the add-in stores heights on the sheet nobody types into."""
    sheet = load_workbook(scored_workbook(tmp_path))[schema.RESULTS.sheet]
    several = [
        row[0].row
        for row in sheet.iter_rows(min_col=9, max_col=9)
        if isinstance(row[0].value, str) and row[0].value.count("\n") >= 1
    ]
    assert several
    for r in several:
        lines = sheet.cell(r, 9).value.count("\n") + 1
        assert (sheet.row_dimensions[r].height or 0) >= lines * 15

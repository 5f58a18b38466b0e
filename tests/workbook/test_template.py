"""Template lint: the committed template is the builder's output and opens in Excel cleanly."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from addin.domain import schema
from addin.workbook.template import TEMPLATE_PATH, write_template


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        # core.xml carries the save time; everything else must match byte for byte.
        return {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}


def test_committed_template_matches_the_builder(tmp_path: Path) -> None:
    fresh = write_template(tmp_path / "fresh.xlsx")
    assert _parts(fresh) == _parts(TEMPLATE_PATH), "run `make template` and commit the result"


def test_no_macros_so_it_is_safe_to_email() -> None:
    with zipfile.ZipFile(TEMPLATE_PATH) as archive:
        assert not [n for n in archive.namelist() if "vba" in n.lower()]


def test_every_table_is_where_the_schema_says_with_matching_headers() -> None:
    book = load_workbook(TEMPLATE_PATH)
    assert book.sheetnames == ["Guide", *(spec.sheet for spec in schema.TABLES)]
    names = [t.displayName for ws in book.worksheets for t in ws.tables.values()]
    assert sorted(names) == sorted(spec.name for spec in schema.TABLES)
    for spec in schema.TABLES:
        sheet = book[spec.sheet]
        table = sheet.tables[spec.name]
        left, top, right, _ = range_boundaries(table.ref)
        headers = tuple(sheet.cell(top, c).value for c in range(left, right + 1))
        assert headers == spec.columns
        # Excel repairs a file whose table column names differ from the header cells.
        assert tuple(c.name for c in table.tableColumns) == spec.columns


def test_competition_lists_every_field_with_draft_status() -> None:
    sheet = load_workbook(TEMPLATE_PATH)["Competition"]
    last = 3 + len(schema.COMPETITION_FIELDS)
    rows = {sheet.cell(r, 1).value: sheet.cell(r, 2).value for r in range(4, last + 1)}
    assert tuple(rows) == schema.COMPETITION_FIELDS
    assert rows["Status"] == "Draft"
    assert rows["Award notice grouping"] == "Each award"
    assert rows["Standstill end"] is None  # set by the letters
    assert sheet["B12"].number_format == "dd/mm/yyyy hh:mm"  # Closing date
    # Added later, below Status, so every earlier field keeps its cell.
    assert (rows["Evaluation days"], rows["Members list dated"]) == (5, None)
    assert rows["Tie-break rule"] == (
        "Higher Quality + Social Value points; then the panel's recorded decision"
    )
    assert sheet["B22"].number_format == "dd/mm/yyyy"  # Members list dated


def test_drop_downs_cover_every_fixed_list() -> None:
    book = load_workbook(TEMPLATE_PATH)

    def lists(sheet: str) -> dict[str, str]:
        return {
            str(dv.sqref).split(":")[0]: dv.formula1
            for dv in book[sheet].data_validations.dataValidation
            if dv.type == "list"
        }

    assert lists("Members") == {
        "G4": '"Yes,No"',
        "H4": '"Yes,No"',
        "I4": '"Active,Suspended,Removed"',
        "K4": '"Yes,No"',
        "L4": '"Yes,No"',
    }
    assert lists("Criteria") == {"B4": '"Quality,Social Value,Price"'}
    assert lists("Bids") == {
        "C4": '"Yes,No"',
        "D4": '"Yes,No"',
        "G4": '"Yes,No"',
        "J4": '"Accepted,Rejected"',
    }
    assert lists("Declarations") == {
        "B4": '"Officer,Evaluator,Moderator,Approver,Adviser,Supplier prior involvement"',
        "C4": '"Yes,No"',
    }
    competition = lists("Competition")
    assert competition["B7"] == '"1,2"'
    assert competition["B15"] == '"Lowest price,Linear"'
    assert competition["B17"] == '"Consensus,Average"'
    assert competition["B24"] == (
        "\"Higher Quality + Social Value points; then the panel's recorded decision,"
        "Lower price; then the panel's recorded decision,The panel's recorded decision\""
    )


def test_guide_shows_the_dps_reference_block() -> None:
    sheet = load_workbook(TEMPLATE_PATH)["Guide"]
    text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    for fact in (
        "CCIN Consultancy Services Dynamic Purchasing System",
        "Oldham Council",
        "1 April 2020 – 23 February 2029",
        "£30,000,000",
        "Policy Development & Testing",
        "Capacity Building",
        "direct award is not permitted",
    ):
        assert fact in text

"""Every ribbon button reads each table once and writes each block of cells once (issue 14).

Each button is pressed through xlwings' remote engine (payloads.py) on the sample competition:
four Lot 1 members invited, three bids on time and one late, three evaluators, five criteria,
taken through every stage. Two-step buttons are pressed for both steps.

Reads: on the remote engine a read is a lookup in the payload, through `Range.raw_value`
(what `.value` and `.options(...).value` call); each is counted and named by the table whose
range it is. Every table is read exactly once, and nothing else is read but the highlights'
state sheet (once, when it is there).

Writes: the actions the button returns. A *block* is a rectangle of cells the button gives
values to, inside one region: a table (its header and rows; a write belongs to the table holding
its top-left cell once the button is done) or a sheet outside its tables (a title and hint, the
Results' second heading, the highlights' list). A new table's header and rows are one block;
the rows a button appends to or rewrites in a table are one block (with any rows blanked
below); a Competition field's cell is one block, and so is a run of fields one below another.
Two value writes that overlap, or that together make a larger rectangle in one region (the
same columns one under the other, or the same rows side by side), are one block written twice:
so the number of value writes must equal the number of blocks. Each scenario also lists its
value writes region by region. Number formats, wrapping, fills and each font property are
given at most once a cell (one action per run of cells sharing a format is fine); a sheet is
hidden at most once and a table resized at most once.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import combinations
from pathlib import Path

import pytest
import xlwings as xw
from openpyxl import load_workbook
from openpyxl.utils.cell import get_column_letter, range_boundaries
from xlwings.pro import _xlremote

from addin.domain.schema import AUDIT, COMPETITION, LOCK
from addin.excel import abandon_sheet, actions, late_bids, tie_break
from addin.excel.highlights import STATE_SHEET
from addin.excel.live_workbook import LiveWorkbook
from addin.services.ports import CompetitionWorkbook
from addin.workbook.file_workbook import FileWorkbook
from addin.workbook.reader import read_tables
from tests.builders import (
    AFTER_CLOSING,
    AFTER_STANDSTILL,
    CRITERIA,
    EVALUATORS,
    LAUNCH_TIME,
    PANEL_DAY,
    STANDSTILL_END,
    bids_in_workbook,
    build_workbook,
    edit,
    launched_workbook,
    make_tie,
    moderated_workbook,
    scored_workbook,
    standstill_workbook,
)
from tests.excel.payloads import Applied, FakeExcel, payload

Box = tuple[int, int, int, int]  # min column, min row, max column, max row
Build = Callable[[Path], Path]
Typing = Callable[[FakeExcel], None]
LATE = "CCIN-L1"


# --- the officer's typing between two presses ---------------------------------------------------


def names_typed(excel: FakeExcel) -> None:
    sheet = excel.book[actions.EVALUATORS_SHEET]
    for row, name in enumerate(EVALUATORS, start=4):
        sheet.cell(row, 1, name)
    sheet.tables["tblEvaluators"].ref = f"A3:A{3 + len(EVALUATORS)}"


def late_bid_typed(excel: FakeExcel) -> None:
    sheet = excel.book[late_bids.SHEET]
    sheet["A4"], sheet["B4"] = LATE, "The portal failed at 11:58"


def award_typed(excel: FakeExcel) -> None:
    sheet = excel.book["Award"]
    sheet["B4"], sheet["B5"], sheet["B6"] = datetime(2026, 12, 30), 52000, 62400


def reason_typed(excel: FakeExcel) -> None:
    excel.book[abandon_sheet.SHEET]["A4"] = "The pilot's funding was withdrawn"


def decision_typed(excel: FakeExcel) -> None:
    sheet = excel.book[tie_break.SHEET]
    sheet["A4"], sheet["B4"] = "CCIN-003", "Higher score on Q2, the tie-break stated before launch"


def with_errors(folder: Path) -> Path:
    return build_workbook(folder, criteria=edit(CRITERIA, 2, {"Weight %": 10}))


def with_a_late_bid(folder: Path) -> Path:
    return bids_in_workbook(folder, late_bidders=[LATE])


def tied(folder: Path) -> Path:
    path = moderated_workbook(folder)
    make_tie(path)
    return path


# --- the scenarios ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    """Open the workbook `build` makes, press `button` at `now` after the `earlier` presses (each
    followed by the officer's typing); the last press is the one counted."""

    build: Build
    button: str
    now: datetime
    writes: dict[str, int]  # value writes by region: a table, or "<sheet> sheet" outside them
    earlier: tuple[tuple[datetime, Typing | None], ...] = ()
    saved_in_folder: bool = False  # letters and the report go beside the workbook


RECORDED = {"tblCompetition": 1, "tblAudit": 1, "tblLock": 1}  # status, audit rows, lock
HIGHLIGHTS = f"{STATE_SHEET} sheet"

SCENARIOS: dict[str, Scenario] = {
    "validate, errors highlighted": Scenario(
        with_errors, "validate", AFTER_CLOSING, {HIGHLIGHTS: 1}
    ),
    "validate again, the same errors": Scenario(
        with_errors, "validate", AFTER_CLOSING, {HIGHLIGHTS: 1}, earlier=((AFTER_CLOSING, None),)
    ),
    "launch": Scenario(
        build_workbook, "launch", LAUNCH_TIME, {"Lock sheet": 1, "tblLock": 1, **RECORDED}
    ),
    "accept late bid, sheet added": Scenario(
        with_a_late_bid, "accept_late", AFTER_CLOSING, {"Late bids sheet": 1, "tblLateBids": 1}
    ),
    "accept late bid, two audit rows": Scenario(
        with_a_late_bid,
        "accept_late",
        AFTER_CLOSING,
        RECORDED,
        earlier=((AFTER_CLOSING, late_bid_typed),),
    ),
    "evaluator tabs, sheet added": Scenario(
        bids_in_workbook, "evaluators", AFTER_CLOSING, {"Evaluators sheet": 1, "tblEvaluators": 1}
    ),
    "evaluator tabs, three tabs and two audit rows": Scenario(
        bids_in_workbook,
        "evaluators",
        AFTER_CLOSING,
        {
            **RECORDED,
            **{f"Eval {name} sheet": 1 for name in EVALUATORS},
            **{f"tblEval{n}Declaration": 1 for n in (1, 2, 3)},
            **{f"tblEval{n}": 1 for n in (1, 2, 3)},
        },
        earlier=((AFTER_CLOSING, names_typed),),
    ),
    "moderate": Scenario(
        moderated_workbook,
        "moderate",
        PANEL_DAY,
        {"Moderation sheet": 1, "tblModeration": 1, "tblAudit": 1, "tblLock": 1},
    ),
    "score": Scenario(
        moderated_workbook,
        "score",
        PANEL_DAY,
        {
            "Results sheet": 2,  # the title and hint, and the breakdown's heading
            "tblResults": 1,
            "tblBreakdown": 1,
            "Seal sheet": 1,
            "tblSeal": 1,
            **RECORDED,
        },
    ),
    "score, a tie for first": Scenario(
        tied, "score", PANEL_DAY, {"Tie-break sheet": 1, "tblTieBreak": 1, HIGHLIGHTS: 1}
    ),
    "score, the tie-break decided": Scenario(
        tied,
        "score",
        PANEL_DAY,
        {
            HIGHLIGHTS: 1,  # the tied bids' colours forgotten
            "Results sheet": 2,
            "tblResults": 1,
            "tblBreakdown": 1,
            "Seal sheet": 1,
            "tblSeal": 1,
            **RECORDED,
        },
        earlier=((PANEL_DAY, decision_typed),),
    ),
    "report": Scenario(scored_workbook, "report", PANEL_DAY, {}, saved_in_folder=True),
    "letters": Scenario(
        scored_workbook,
        "letters",
        PANEL_DAY,
        # Status and Standstill end: two fields with a row between them.
        {"Letters sheet": 1, "tblLetters": 1, **RECORDED, "tblCompetition": 2},
        saved_in_folder=True,
    ),
    "award, sheet added": Scenario(
        standstill_workbook,
        "award",
        STANDSTILL_END,
        {"Award sheet": 1, "tblAward": 1},
        saved_in_folder=True,
    ),
    "award, recorded": Scenario(
        standstill_workbook,
        "award",
        AFTER_STANDSTILL,
        {"Publication sheet": 1, "tblPublication": 1, "tblAward": 1, **RECORDED},
        earlier=((STANDSTILL_END, award_typed),),
        saved_in_folder=True,
    ),
    "abandon, sheet added": Scenario(
        scored_workbook,
        "abandon",
        PANEL_DAY,
        {"Abandon sheet": 1, "tblAbandon": 1},
        saved_in_folder=True,
    ),
    "abandon, letters written": Scenario(
        scored_workbook,
        "abandon",
        PANEL_DAY,
        {"Letters sheet": 1, "tblLetters": 1, **RECORDED},
        earlier=((PANEL_DAY, reason_typed),),
        saved_in_folder=True,
    ),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Build, Path], Path]:
    """Each workbook built once for the module, copied for every scenario."""
    made: dict[Build, Path] = {}

    def copy(build: Build, folder: Path) -> Path:
        if build not in made:
            made[build] = build(tmp_path_factory.mktemp(build.__name__))
        return Path(shutil.copy(made[build], folder / made[build].name))

    return copy


# --- counting -----------------------------------------------------------------------------------


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, Box]]]:
    """Every range read through the remote engine: its sheet and cells."""
    seen: list[tuple[str, Box]] = []
    real = _xlremote.Range.raw_value

    def counted(self: _xlremote.Range) -> object:
        (top, left), (bottom, right) = self.arg1, self.arg2 or self.arg1
        seen.append((self.sheet.name, (left, top, right, bottom)))
        return real.fget(self)

    monkeypatch.setattr(_xlremote.Range, "raw_value", property(counted, real.fset))
    yield seen


def box(address: str) -> Box:
    left, top, right, bottom = range_boundaries(address)
    assert left and top and right and bottom
    return left, top, right, bottom


def tables_of(excel: FakeExcel) -> dict[tuple[str, Box], str]:
    """(sheet, cells) → table name, for every table in the workbook now."""
    return {
        (sheet.title, box(table.ref)): table.displayName
        for sheet in excel.book.worksheets
        for table in sheet.tables.values()
    }


def region(tables: dict[tuple[str, Box], str], sheet: str, cells: Box) -> str:
    """The table holding the top-left cell of `cells`, else "<sheet> sheet"."""
    for (on, table), name in tables.items():
        if on == sheet and overlap(table, (*cells[:2], *cells[:2])):
            return name
    return f"{sheet} sheet"


def overlap(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def one_rectangle(a: Box, b: Box) -> bool:
    """`a` and `b` one under the other in the same columns, or side by side in the same rows."""
    stacked = (a[0], a[2]) == (b[0], b[2]) and (a[3] + 1 == b[1] or b[3] + 1 == a[1])
    abreast = (a[1], a[3]) == (b[1], b[3]) and (a[2] + 1 == b[0] or b[2] + 1 == a[0])
    return stacked or abreast


def named(sheet: str, cells: Box) -> str:
    left, top, right, bottom = cells
    return f"{sheet}!{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"


def blocks_written_twice(done: list[Applied], tables: dict[tuple[str, Box], str]) -> list[str]:
    """Pairs of value writes that are one block: they overlap, or make one rectangle in a
    region."""
    writes = [(a.sheet or "", box(a.address or "")) for a in done if a.func == "setValues"]
    twice = []
    for (s1, b1), (s2, b2) in combinations(writes, 2):
        same_region = region(tables, s1, b1) == region(tables, s2, b2)
        if s1 == s2 and (overlap(b1, b2) or (same_region and one_rectangle(b1, b2))):
            twice.append(f"{named(s1, b1)} and {named(s2, b2)}")
    return twice


def formatted_twice(done: list[Applied]) -> list[str]:
    """Cells given the same kind of format (a font property counts as its own kind) twice."""
    kinds: dict[tuple[str, str], list[Box]] = {}
    for a in done:
        if a.func in ("setNumberFormat", "setWrapText", "setRangeColor", "setFontProperty"):
            kind = f"{a.func} {a.args[0]}" if a.func == "setFontProperty" else a.func
            kinds.setdefault((kind, a.sheet or ""), []).append(box(a.address or ""))
    return [
        f"{kind}: {named(sheet, first)} and {named(sheet, second)}"
        for (kind, sheet), cells in kinds.items()
        for first, second in combinations(cells, 2)
        if overlap(first, second)
    ]


def press(scenario: Scenario, path: Path) -> FakeExcel:
    """The workbook open in the fake Excel, after the scenario's earlier presses."""
    excel = FakeExcel.open(path, name=str(path) if scenario.saved_in_folder else None)
    for now, typing in scenario.earlier:
        excel.press(scenario.button, now)
        if typing:
            typing(excel)
    return excel


# --- the test -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCENARIOS)
def test_each_button_reads_each_table_once_and_writes_each_block_once(
    name: str,
    tmp_path: Path,
    built: Callable[[Build, Path], Path],
    reads: list[tuple[str, Box]],
) -> None:
    scenario = SCENARIOS[name]
    excel = press(scenario, built(scenario.build, tmp_path))
    before = tables_of(excel)
    remembered = STATE_SHEET in excel.book.sheetnames  # the highlights of an earlier press
    reads.clear()
    done = excel.press(scenario.button, scenario.now)
    assert len(excel.alerts) == len(scenario.earlier) + 1
    assert "bug in the add-in" not in excel.alerts[-1]

    # Reads: every table once; besides them only the highlights' state sheet, once.
    read = Counter(before.get(r, f"{r[0]} sheet") for r in reads)
    assert {t: n for t, n in read.items() if t in before.values()} == dict.fromkeys(
        before.values(), 1
    )
    others = {t: n for t, n in read.items() if t not in before.values()}
    assert others == ({HIGHLIGHTS: 1} if remembered else {})

    # Writes: one value write per block, region by region as listed.
    after = tables_of(excel)
    assert blocks_written_twice(done, after) == []
    values = [a for a in done if a.func == "setValues"]
    by_region = Counter(region(after, a.sheet or "", box(a.address or "")) for a in values)
    assert dict(by_region) == scenario.writes
    assert formatted_twice(done) == []
    hidden = [a.sheet for a in done if a.func == "setSheetVisibility"]
    assert len(hidden) == len(set(hidden))
    resized = [(a.sheet, a.args[0]) for a in done if a.func == "resizeTable"]
    assert len(resized) == len(set(resized))


# --- changes made many times in one press -------------------------------------------------------


def change_often(workbook: CompetitionWorkbook) -> None:
    """What a service may do in one unit of work: a field set twice, fields one below another,
    two audit rows, the Lock record rewritten longer and then shorter."""
    workbook.read()
    workbook.set_field("Status", "Closed")
    workbook.set_field("Status", "Evaluated")
    workbook.set_field("Contract start", datetime(2027, 1, 4))
    workbook.set_field("Contract end", datetime(2027, 7, 2))
    workbook.set_field("Standstill end", datetime(2026, 11, 26, 23, 59, 59))
    workbook.set_field("Members list dated", datetime(2026, 11, 1))
    for action in ("Closed", "Evaluated"):
        workbook.append_rows(AUDIT.name, [{"When": PANEL_DAY, "Who": "=A1", "Action": action}])
    workbook.write_lock([{"Item": f"item {i}", "Value": str(i)} for i in range(60)])
    workbook.write_lock([{"Item": f"item {i}", "Value": f"={i}"} for i in range(5)])
    workbook.save(PANEL_DAY)


def test_changes_made_many_times_are_sent_once_where_the_file_adapter_writes_them(
    tmp_path: Path,
) -> None:
    path = launched_workbook(tmp_path)
    by_file = Path(shutil.copy(path, tmp_path / "file.xlsx"))
    change_often(FileWorkbook(by_file))
    excel = FakeExcel.open(path)
    book = xw.Book(json=payload(excel.book, path.name))
    change_often(LiveWorkbook(book))
    done = excel.apply(book.json()["actions"])
    book.close()

    writes = [(a.sheet, a.address) for a in done if a.func == "setValues"]
    assert writes == [
        ("Competition", "B13:B14"),  # the contract's start and end
        ("Competition", "B19:B19"),  # the Status, set twice
        ("Competition", "B21:B22"),
        ("Audit", "A5:F6"),
        ("Lock", "A4:B49"),  # 5 rows, and the 41 rows of the record before blanked
    ]
    assert formatted_twice(done) == []
    live = excel.save(tmp_path / "live.xlsx")
    by_live, expected = read_tables(live), read_tables(by_file)
    for name in (COMPETITION.name, AUDIT.name, LOCK.name):
        assert by_live.tables[name].rows == expected.tables[name].rows, name
        assert by_live.layout.tables[name] == expected.layout.tables[name], name
    formats = [load_workbook(p)["Competition"] for p in (live, by_file)]
    for cell in ("B13", "B14", "B19", "B21", "B22"):
        assert formats[0][cell].number_format == formats[1][cell].number_format, cell

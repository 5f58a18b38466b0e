"""Workbooks for the benchmarks, built by code through the add-in's own services.

Dates are relative to today, so the real clock the `dps` commands read finds the closing time
passed: a competition is launched 40 days ago and closed 26 days ago.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from addin.demo import sample
from addin.demo.officer import confirm_pre_award, fill
from addin.services.create import fill_workbook
from addin.services.evaluation import create_evaluator_tabs, moderate, score
from addin.services.launch import launch
from addin.workbook.evaluation_sheets import evaluator_tables
from addin.workbook.file_workbook import FileWorkbook
from addin.workbook.reader import find_tables, open_workbook
from addin.workbook.safe_save import save_atomically
from addin.workbook.template import build_template

OFFICER = "Sam Patel"


@dataclass(frozen=True)
class Shape:
    """A competition's size: bids received, evaluators, criteria (one of them Price)."""

    bids: int
    evaluators: int
    criteria: int
    members: int = 0  # on the DPS; at least `bids` (the others are on Lot 2)

    @property
    def label(self) -> str:
        return f"{self.bids} bids × {self.evaluators} evaluators × {self.criteria} criteria"


def members(count: int, lot_1: int) -> list[dict[str, object]]:
    """`count` Active members; the first `lot_1` are on Lot 1, the rest on Lot 2 only."""
    return [
        {
            "Supplier ID": f"S{i:05d}",
            "Supplier name": f"Co-operative Consultancy {i} Ltd",
            "Contact name": f"Contact {i}",
            "Contact email": f"bids{i}@example.coop",
            "Telephone": "0161 555 0000",
            "Address": f"{i} High Street, Oldham, OL1 1AA",
            "Lot 1": "Yes" if i < lot_1 else "No",
            "Lot 2": "No" if i < lot_1 else "Yes",
            "Status": "Active",
            "Admitted on": datetime(2021, 1, 1),
            "SME": "Yes",
            "VCSE": "No",
        }
        for i in range(count)
    ]


def criteria(count: int) -> list[dict[str, object]]:
    """`count - 2` Quality questions sharing 60 %, one Social Value at 10 %, Price at 30 %."""
    quality = count - 2
    weights = [60 // quality] * quality
    weights[0] += 60 - sum(weights)
    rows: list[dict[str, object]] = [
        {
            "ID": f"Q{i + 1}",
            "Category": "Quality",
            "Criterion": f"Quality question {i + 1}: approach, evidence and delivery",
            "Weight %": weight,
            "Max score": 5,
            "Minimum score": None,
            "Guidance": "0 none – 5 excellent",
        }
        for i, weight in enumerate(weights)
    ]
    rows.append({**sample.CRITERIA[3], "ID": "SV1"})
    rows.append({**sample.CRITERIA[4], "ID": "P1"})
    return rows


def draft(path: Path, invitation: date, shape: Shape) -> Path:
    on_lot = members(max(shape.members, shape.bids), shape.bids)
    book = build_template()
    fill_workbook(
        book,
        sample.competition_fields(invitation),
        criteria=criteria(shape.criteria),
        members=on_lot,
        bids=[
            {"Supplier ID": m["Supplier ID"], "Supplier name": m["Supplier name"], "Invited": "Yes"}
            for m in on_lot[: shape.bids]
        ],
        declarations=sample.declarations(invitation),
    )
    save_atomically(book, path)
    return path


def _type_in(path: Path, change: object) -> None:
    book = open_workbook(path, data_only=False)
    change(book)  # type: ignore[operator]
    save_atomically(book, path)


def _score_of(bid: int, question: int) -> int:
    """Bid 0 is the clear winner; the others spread over 1–5."""
    return 5 if bid == 0 else 1 + (bid * 7 + question * 3) % 5


def _marked(path: Path, closing: datetime, shape: Shape) -> None:
    def bids(book: object) -> None:
        sheet, table = find_tables(book)["tblbids"]  # type: ignore[arg-type]
        sheet.protection.sheet = False

        def received(key: tuple[str, ...]) -> dict[str, object]:
            number = int(key[0][1:])
            return {
                "Bid received": "Yes",
                "Received at": closing - timedelta(hours=1 + number % 20, minutes=7),
                "Price": 40_000 + 137 * number,
                "Compliant": "Yes",
            }

        fill(sheet, table, ("Supplier ID",), received)

    _type_in(path, bids)
    after = closing + timedelta(days=1)
    names = [f"Evaluator {chr(65 + e)}" for e in range(shape.evaluators)]
    create_evaluator_tabs(FileWorkbook(path), names, OFFICER, after)

    def marks(book: object) -> None:
        found = find_tables(book)  # type: ignore[arg-type]
        for number, (sheet, table) in evaluator_tables(book).items():  # type: ignore[arg-type]
            declaration = found[f"tbleval{number}declaration"][1]
            answers = {"Conflict of interest": {"Value": "No"}, "Declared on": {"Value": after}}
            fill(sheet, declaration, ("Field",), lambda k, a=answers: a.get(k[0]))

            def mark(key: tuple[str, ...], number: int = number) -> dict[str, object]:
                bid, question = int(key[0][1:]), int(key[1].lstrip("QSV") or 0)
                given = _score_of(bid, question)
                # A few marks differ between evaluators, so the panel has some to moderate.
                if number == 2 and (bid + question) % 9 == 4:
                    given = max(1, given - 2)
                return {"Score": given, "Rationale": f"Evidence for {key[1]}, bid {key[0]}"}

            fill(sheet, table, ("Supplier ID", "Criterion ID"), mark)

    _type_in(path, marks)
    moderate(FileWorkbook(path), OFFICER, after + timedelta(days=1))

    def moderation(book: object) -> None:
        sheet, table = find_tables(book)["tblmoderation"]  # type: ignore[arg-type]

        def agreed(key: tuple[str, ...]) -> dict[str, object]:
            bid, question = int(key[0][1:]), int(key[1].lstrip("QSV") or 0)
            if (bid + question) % 9 != 4:
                return {}
            return {
                "Moderated score": _score_of(bid, question),
                "Moderation rationale": "Panel agreed",
            }

        fill(sheet, table, ("Supplier ID", "Criterion ID"), agreed)

    _type_in(path, moderation)


@dataclass(frozen=True)
class Competition:
    draft: Path
    moderated: Path  # ready for `dps score`
    scored: Path  # ready for `dps report` and `dps letters`
    panel_day: datetime


def competition(folder: Path, shape: Shape, today: date) -> Competition:
    """A whole competition of `shape`, saved at three stages."""
    folder.mkdir(parents=True, exist_ok=True)
    invitation = today - timedelta(days=40)
    closing = datetime.combine(invitation + timedelta(days=14), time(12, 0))
    first = draft(folder / "draft.xlsx", invitation, shape)
    moderated = folder / "moderated.xlsx"
    shutil.copyfile(first, moderated)
    launch(FileWorkbook(moderated), OFFICER, datetime.combine(invitation, time(9)))
    _marked(moderated, closing, shape)
    scored = folder / "scored.xlsx"
    shutil.copyfile(moderated, scored)
    panel_day = closing + timedelta(days=3)
    score(FileWorkbook(scored), OFFICER, panel_day)
    confirm_pre_award(scored, panel_day.date())  # letters need the winner's checks confirmed
    return Competition(first, moderated, scored, panel_day)


def copies(source: Path, folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(count):
        target = folder / f"c{i:03d}.xlsx"
        shutil.copyfile(source, target)
        made.append(target)
    return made


def sample_workbook(folder: Path, today: date, name: str = "sample.xlsx") -> Path:
    """The demo's sample competition, a valid Draft: the 'typical workbook'."""
    from addin.demo.run import build_sample

    folder.mkdir(parents=True, exist_ok=True)
    return build_sample(folder / name, today - timedelta(days=1))


def main(argv: Sequence[str]) -> None:
    """python benchmarks/fixtures.py KIND FOLDER [BIDS EVALUATORS CRITERIA MEMBERS]

    Run by benchmarks/run.py in its own process, so the runner stays small: a child's peak memory
    counts the pages it shares with its parent when forked.
    """
    kind, folder = argv[0], Path(argv[1])
    today = date.today()
    if kind == "sample":
        sample_workbook(folder, today)
    elif kind == "typical":
        copies(sample_workbook(folder / "source", today), folder / "batch", int(argv[2]))
    elif kind in ("competition", "draft"):
        shape = Shape(*(int(a) for a in argv[2:6]))
        if kind == "draft":
            draft(folder / "draft.xlsx", today, shape)
        else:
            competition(folder, shape, today)
    else:
        raise SystemExit(main.__doc__)


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    main(sys.argv[1:])

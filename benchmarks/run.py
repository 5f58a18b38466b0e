"""Benchmarks for the add-in's hot paths. Run: make bench (prints a table; asserts nothing).

Sizes: the sample competition (7 members, 4 bids), and a large one (400 members on the DPS,
60 invited, 40 evaluated bids × 8 scored questions × 5 evaluators).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from addin.workbook.file_workbook import FileWorkbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from addin.domain.evaluation import Evaluator, Mark  # noqa: E402
from addin.domain.models import (  # noqa: E402
    Bid,
    Category,
    Competition,
    CompetitionFile,
    Criterion,
    PriceMethod,
)
from addin.domain.scoring import evaluate  # noqa: E402
from addin.services.validate import validate_paths, validate_workbook  # noqa: E402
from tests.builders import build_workbook, scored_workbook  # noqa: E402

TODAY = date(2026, 11, 25)


def timed(label: str, fn: Callable[[], object], repeat: int = 5) -> None:
    fn()  # warm up
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    print(f"{label:62} {statistics.median(runs) * 1000:9.1f} ms  (min {min(runs) * 1000:.1f})")


def large_members(count: int) -> list[dict[str, object]]:
    return [
        {
            "Supplier ID": f"S{i:04d}",
            "Supplier name": f"Co-operative Consultancy {i} Ltd",
            "Contact name": f"Contact {i}",
            "Contact email": f"bids{i}@example.coop",
            "Telephone": "0161 555 0000",
            "Address": f"{i} High Street, Oldham, OL1 1AA",
            "Lot 1": "Yes" if i % 7 == 0 else "No",
            "Lot 2": "No" if i % 7 == 0 else "Yes",
            "Status": "Active",
            "Admitted on": datetime(2021, 1, 1),
            "SME": "Yes",
            "VCSE": "No",
        }
        for i in range(count)
    ]


def large_scoring_input(
    bids: int, questions: int, evaluators: int
) -> tuple[CompetitionFile, list[Evaluator]]:
    criteria = [
        Criterion(
            row=i,
            id=f"Q{i + 1}",
            category=Category.QUALITY,
            text=f"Question {i + 1}",
            weight=Decimal(60) / questions,
            max_score=5,
        )
        for i in range(questions)
    ] + [
        Criterion(row=questions, id="P1", category=Category.PRICE, text="Price", weight=Decimal(40))
    ]
    closing = datetime(2026, 11, 11, 12)
    bid_rows = [
        Bid(
            row=i,
            supplier_id=f"S{i}",
            supplier_name=f"Supplier {i}",
            invited=True,
            received=True,
            received_at=datetime(2026, 11, 10),
            price=Decimal(40000 + 137 * i),
            compliant=True,
        )
        for i in range(bids)
    ]
    competition = Competition(lot=1, closing_date=closing, price_method=PriceMethod.LOWEST_PRICE)
    file = CompetitionFile(competition=competition, criteria=tuple(criteria), bids=tuple(bid_rows))
    panel = [
        Evaluator(
            name=f"E{e}",
            table=f"tblEval{e + 1}",
            conflict=False,
            marks=tuple(
                Mark(
                    evaluator=f"E{e}",
                    table=f"tblEval{e + 1}",
                    row=b * questions + q,
                    supplier_id=f"S{b}",
                    criterion_id=f"Q{q + 1}",
                    score=Decimal((b + q) % 6),
                    raw_score=str((b + q) % 6),
                    rationale="Reason",
                )
                for b in range(bids)
                for q in range(questions)
            ),
        )
        for e in range(evaluators)
    ]
    return file, panel


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="dps-bench-"))
    print(f"{'benchmark':62} {'median':>9}")
    small = build_workbook(folder, "small.xlsx")
    timed(
        "validate the sample workbook (read + all rules)", lambda: validate_workbook(small, TODAY)
    )
    members = large_members(400)
    invited = [
        {"Supplier ID": m["Supplier ID"], "Supplier name": m["Supplier name"], "Invited": "Yes"}
        for m in members
        if m["Lot 1"] == "Yes"
    ]
    large = build_workbook(folder, "large.xlsx", members=members, bids=invited)
    timed(
        f"validate a large workbook ({len(members)} members, {len(invited)} invited)",
        lambda: validate_workbook(large, TODAY),
    )
    batch = folder / "batch"
    batch.mkdir()
    for i in range(20):
        build_workbook(batch, f"c{i:02d}.xlsx")
    timed(
        "dps validate a folder of 20 sample workbooks",
        lambda: validate_paths([str(batch)], TODAY),
        3,
    )
    file, panel = large_scoring_input(40, 8, 5)
    timed(
        "evaluate 40 bids × 8 questions × 5 evaluators (+ sensitivity)",
        lambda: evaluate(file, panel, (), None),
    )
    scored = scored_workbook(folder, "scored.xlsx")
    from addin.services.letters import write_letters

    counter = iter(range(1000))
    timed(
        "write the sample's 4 outcome letters (render + log + save)",
        lambda: write_letters(
            FileWorkbook(scored, folder / "scored-out.xlsx"),
            folder / f"letters{next(counter)}",
            None,
            datetime(2026, 12, 1, 9),
            dry_run=False,
            force=True,
        ),
        3,
    )
    print(f"\n(workbooks in {folder}; Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()

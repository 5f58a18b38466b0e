"""Benchmarks for issue #14 (speed): whole `dps` processes against their floors, side by side.

    make bench                                  every group but pdf
    .venv/bin/python benchmarks/run.py startup read work scale letters pdf
    .venv/bin/python benchmarks/run.py --repeat 3 work

Prints a Markdown table (the README's performance table is one of its runs): each command's
median wall time, median CPU time and peak memory over its runs, the floor it is compared with
(run turn about with it, so a busy machine slows both alike), the ratio and the target. It asserts
nothing: tests never time anything. Workbooks are built once per day under the system's
temporary folder (dps-bench-YYYY-MM-DD), since the dates in them are relative to today.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import timing  # noqa: E402
from benchmarks.timing import HEADER, Command, Row, dps, measure, python  # noqa: E402

FLOORS = str(ROOT / "benchmarks" / "floors.py")
FIXTURES = str(ROOT / "benchmarks" / "fixtures.py")
TYPICAL_BATCH = 200


@dataclass(frozen=True)
class Shape:
    """A competition's size (as benchmarks.fixtures.Shape, which the runner does not import)."""

    bids: int
    evaluators: int
    criteria: int
    members: int = 0

    @property
    def label(self) -> str:
        return f"{self.bids} bids × {self.evaluators} evaluators × {self.criteria} criteria"

    def arguments(self) -> list[str]:
        return [str(n) for n in (self.bids, self.evaluators, self.criteria, self.members)]


WORK = Shape(bids=60, evaluators=5, criteria=10)
SCALE_SCORE = Shape(bids=300, evaluators=7, criteria=20)
SCALE_MEMBERS = Shape(bids=60, evaluators=0, criteria=10, members=10_000)


@dataclass(frozen=True)
class Books:
    draft: Path
    moderated: Path  # ready for `dps score`
    scored: Path  # ready for `dps report` and `dps letters`


class Bench:
    def __init__(self, folder: Path, repeat: int | None) -> None:
        self.folder = folder
        self.repeat = repeat
        self.today = date.today()
        self.rows: list[Row] = []

    def cached(self, name: str, kind: str, *arguments: str) -> Path:
        """A fixture folder, built once by benchmarks/fixtures.py (`.done` marks it complete)."""
        where = self.folder / name
        if not (where / ".done").exists():
            shutil.rmtree(where, ignore_errors=True)
            where.mkdir(parents=True)
            print(f"(building {name}…)", file=sys.stderr, flush=True)
            subprocess.run([sys.executable, FIXTURES, kind, str(where), *arguments], check=True)
            (where / ".done").touch()
        return where

    def compare(
        self,
        label: str,
        subject: Command,
        floor: Command | None,
        repeat: int,
        **targets: float,
    ) -> None:
        runs = measure([subject, *([floor] if floor else [])], self.repeat or repeat)
        row = Row(label, runs[0], runs[1] if floor else None, **targets)
        self.rows.append(row)
        print(row.line(), flush=True)

    def fresh_copy(self, source: Path, name: str) -> tuple[Path, Callable[[], None]]:
        target = self.folder / "scratch" / name
        target.parent.mkdir(parents=True, exist_ok=True)

        def copy() -> None:
            for lock in target.parent.glob(f".~dps-*{target.name}*"):
                lock.unlink()
            shutil.copyfile(source, target)
            shutil.rmtree(target.parent / "backups", ignore_errors=True)

        copy()
        return target, copy


def startup(b: Bench) -> None:
    sample = b.cached("sample", "sample") / "sample.xlsx"
    b.compare(
        "`dps --help` vs `python -c pass`",
        Command("dps --help", dps("--help")),
        Command("python -c pass", python("pass")),
        10,
        target_ratio=3,
    )
    b.compare(
        "`dps validate` one workbook vs `python -c 'import python_calamine, pydantic'`",
        Command("dps validate", dps("validate", str(sample))),
        Command("import floor", python("import python_calamine, pydantic")),
        10,
        target_ratio=2,
    )


def read(b: Bench) -> None:
    folder = b.cached("typical", "typical", str(TYPICAL_BATCH)) / "batch"
    b.compare(
        f"`dps validate` {TYPICAL_BATCH} typical workbooks vs calamine reading every sheet",
        Command("dps validate batch", dps("validate", str(folder))),
        Command("calamine floor", [sys.executable, FLOORS, "calamine", str(folder)]),
        5,
        target_ratio=3,
    )


def _competition(b: Bench, shape: Shape, name: str) -> Books:
    folder = b.cached(name, "competition", *shape.arguments())
    return Books(folder / "draft.xlsx", folder / "moderated.xlsx", folder / "scored.xlsx")


def work(b: Bench) -> None:
    books = _competition(b, WORK, "work60")
    label = WORK.label
    b.compare(
        f"`dps validate` {label}",
        Command("validate", dps("validate", str(books.scored))),
        None,
        7,
        target_seconds=0.3,
    )
    target, copy = b.fresh_copy(books.moderated, "score60.xlsx")
    b.compare(
        f"`dps score` {label} vs openpyxl loading and saving it",
        Command("score", dps("score", str(target), "--keep-backups", "1"), before=copy),
        _openpyxl_floor(b, books.moderated),
        7,
        target_seconds=0.6,
    )
    out = b.folder / "scratch" / "report60.docx"
    b.compare(
        f"`dps report` {label}",
        Command("report", dps("report", str(books.scored), "--out", str(out))),
        None,
        7,
        target_seconds=0.6,
    )


def _openpyxl_floor(b: Bench, book: Path) -> Command:
    """What any write costs while writes stay on openpyxl: load the workbook, save it."""
    out = b.folder / "scratch" / f"openpyxl-{book.parent.name}.xlsx"
    return Command("openpyxl floor", [sys.executable, FLOORS, "openpyxl", str(book), str(out)])


def scale(b: Bench) -> None:
    members = b.cached("members10k", "draft", *SCALE_MEMBERS.arguments())
    b.compare(
        "`dps validate` a 10,000-member workbook",
        Command("validate 10k", dps("validate", str(members / "draft.xlsx"))),
        None,
        3,
        target_seconds=1,
        target_mb=250,
    )
    books = _competition(b, SCALE_SCORE, "score300")
    target, copy = b.fresh_copy(books.moderated, "score300.xlsx")
    b.compare(
        f"`dps score` {SCALE_SCORE.label} vs openpyxl loading and saving it",
        Command("score 300", dps("score", str(target), "--keep-backups", "1"), before=copy),
        _openpyxl_floor(b, books.moderated),
        3,
        target_seconds=3,
        target_mb=250,
    )


def _letters(b: Bench, pdf: bool) -> tuple[Command, Path]:
    books = _competition(b, WORK, "work60")
    target, copy = b.fresh_copy(books.scored, "letters60.xlsx")
    out = b.folder / "scratch" / ("letters-pdf" if pdf else "letters")
    sent = b.today + timedelta(days=(7 - b.today.weekday()) % 7 or 7)  # next Monday

    def before() -> None:
        copy()
        shutil.rmtree(out, ignore_errors=True)

    argv = dps("letters", str(target), "--out", str(out), "--date", sent.isoformat())
    return Command("letters", [*argv, *(["--pdf"] if pdf else [])], before=before), out


def letters(b: Bench) -> None:
    subject, _ = _letters(b, pdf=False)
    books = _competition(b, WORK, "work60")
    plan = b.folder / "scratch" / "letters-plan.pickle"
    bare = b.folder / "scratch" / "bare-letters"
    sent = subject.argv[-1]
    fixtures_cmd = [sys.executable, FLOORS, "contexts", str(books.scored), str(plan), str(bare)]
    measure([Command("plan", [*fixtures_cmd, sent])], 0)
    b.compare(
        f"`dps letters` {WORK.bids} letters vs bare docxtpl render-and-save",
        subject,
        Command("bare docxtpl", [sys.executable, FLOORS, "letters", str(plan)]),
        3,
        target_ratio=1.3,
    )


def pdf(b: Bench) -> None:
    """Slow today (one LibreOffice start per letter): run on its own, once."""
    subject, out = _letters(b, pdf=True)
    docx = b.folder / "scratch" / "letters-docx"
    measure([Command("letters", [a for a in subject.argv if a != "--pdf"], subject.before)], 0)
    shutil.rmtree(docx, ignore_errors=True)
    shutil.copytree(out, docx)
    soffice = shutil.which("soffice")
    if soffice is None:
        print("| `dps letters --pdf` | LibreOffice not installed: skipped | | | | | | |")
        return
    pdfs = b.folder / "scratch" / "soffice-pdf"
    profile = Path(tempfile.mkdtemp(prefix="dps-bench-lo-"))
    batch = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(pdfs),
        *sorted(str(p) for p in docx.glob("*.docx")),
    ]
    b.compare(
        f"`dps letters --pdf` {WORK.bids} letters vs LibreOffice's batch conversion",
        subject,
        Command("soffice batch", batch),
        1,
        target_ratio=1.3,
    )


GROUPS = {
    "startup": startup,
    "read": read,
    "work": work,
    "scale": scale,
    "letters": letters,
    "pdf": pdf,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groups", nargs="*", metavar="GROUP", help=", ".join(GROUPS))
    parser.add_argument("--repeat", type=int, help="runs per command (default: per group)")
    parser.add_argument(
        "--program",
        help="the dps to time, as a command line (default: this checkout's); e.g. to time another "
        "checkout: PYTHONPATH=/path/to/other .venv/bin/python benchmarks/run.py "
        "--program '.venv/bin/python -P -m addin.cli.main' (-P, Python 3.11 and later: the "
        "commands run in this checkout, which -m would otherwise put first on the import path)",
    )
    args = parser.parse_args()
    if args.program:
        timing.PROGRAM[:] = args.program.split()
    chosen = args.groups or [g for g in GROUPS if g != "pdf"]
    unknown = [g for g in chosen if g not in GROUPS]
    if unknown:
        parser.error(f"no group {unknown[0]!r}: choose from {', '.join(GROUPS)}")
    folder = Path(tempfile.gettempdir()) / f"dps-bench-{date.today():%Y-%m-%d}"
    folder.mkdir(exist_ok=True)
    # An installed add-in has its bytecode compiled (pip compiles a wheel's modules), and a
    # checkout writes it on the first run, unless PYTHONDONTWRITEBYTECODE is set (as on some
    # build machines): then every run would compile the add-in's modules again, about 45 ms.
    if not args.program:  # another checkout compiles its own, or is timed as it is
        compileall.compile_dir(ROOT / "addin", quiet=1)
    bench = Bench(folder, args.repeat)
    cpus = os.cpu_count()
    print(f"Machine: {platform.machine()}, {cpus} cores, Python {platform.python_version()}")
    print(f"Load average at start: {', '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    print(HEADER)
    for group in chosen:
        GROUPS[group](bench)
    met = [all(r.verdicts()) for r in bench.rows if r.verdicts()]
    print(f"\n{sum(met)} of {len(met)} targets met. (Workbooks in {folder})")


if __name__ == "__main__":
    main()

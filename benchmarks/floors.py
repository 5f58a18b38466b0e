"""The floors the benchmarks compare `dps` with, each run as its own process.

python benchmarks/floors.py calamine FOLDER     python-calamine reads every sheet of every
                                                workbook in FOLDER (the read floor)
python benchmarks/floors.py letters PLAN.pickle  bare docxtpl: load, render and save each
                                                (template, context, out) of the plan
python benchmarks/floors.py contexts BOOK PLAN.pickle LETTERS_DIR SENT
                                                writes the plan for BOOK's letters (untimed)
"""

from __future__ import annotations

import sys
from pathlib import Path


def read_every_sheet(folder: Path) -> int:
    from python_calamine import CalamineWorkbook

    cells = 0
    for path in sorted(folder.rglob("*.xlsx")):
        with CalamineWorkbook.from_path(str(path)) as book:
            for name in book.sheet_names:
                cells += sum(len(row) for row in book.get_sheet_by_name(name).to_python())
    return cells


def render_plan(plan: Path) -> None:
    import pickle

    from docxtpl import DocxTemplate

    for template, context, out in pickle.loads(plan.read_bytes()):
        document = DocxTemplate(template)
        document.render(context, autoescape=True)
        document.save(out)


def load_and_save(book: Path, out: Path) -> None:
    from openpyxl import load_workbook

    load_workbook(book).save(out)


def write_plan(book: Path, plan: Path, letters: Path, sent: str) -> None:
    """The templates and contexts `dps letters` would render for `book`, in the same order."""
    import pickle
    from datetime import date

    from addin.letters.templates import template_for
    from addin.services.letters_plan import plan_letters
    from addin.services.loading import load_competition
    from addin.services.recorded import recorded_result

    loaded = load_competition(book)
    day = date.fromisoformat(sent)
    planned = plan_letters(loaded, recorded_result("letters", loaded), letters, day)
    letters.mkdir(parents=True, exist_ok=True)
    rows = [
        (str(template_for(p.context.outcome)), p.context.model_dump(), str(p.path))
        for p in planned.letters
    ]
    plan.write_bytes(pickle.dumps(rows))


def main(argv: list[str]) -> None:
    if argv[0] == "calamine":
        read_every_sheet(Path(argv[1]))
    elif argv[0] == "letters":
        render_plan(Path(argv[1]))
    elif argv[0] == "openpyxl":
        load_and_save(Path(argv[1]), Path(argv[2]))
    elif argv[0] == "contexts":
        write_plan(Path(argv[1]), Path(argv[2]), Path(argv[3]), argv[4])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])

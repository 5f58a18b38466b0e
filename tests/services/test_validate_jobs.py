"""`dps validate --jobs N`: a batch checked by a process pool reports exactly what one process
reports, in the order of the arguments (issue #14)."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

from addin.errors import UnreadableWorkbook, WorkbookStructureError
from addin.services.validate import PARALLEL_FROM, validate_paths
from addin.workbook.package_check import HostilePackage
from tests import hostile
from tests.builders import CRITERIA, TODAY, build_workbook, edit


def _summary(reports: list) -> list[tuple[object, ...]]:  # type: ignore[type-arg]
    return [
        (
            r.path,
            [(p.code, p.cells, p.message) for p in r.problems],
            None if r.unreadable is None else (str(r.unreadable), r.unreadable.hint),
        )
        for r in reports
    ]


def test_a_pool_reports_what_one_process_reports_in_argument_order(tmp_path: Path) -> None:
    good = build_workbook(tmp_path, "a-good.xlsx")
    wrong = build_workbook(tmp_path, "b-weights.xlsx", criteria=edit(CRITERIA, 0, {"Weight %": 5}))
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(PARALLEL_FROM):
        shutil.copyfile(good if i % 2 else wrong, folder / f"c{i:02d}.xlsx")
    hostile.billion_laughs(good, folder / "laughs.xlsx")
    (folder / "notes.xlsx").write_text("not a workbook")
    # A file named first, the folder (sorted), and a missing file last.
    arguments = [str(wrong), str(folder), str(tmp_path / "missing.xlsx")]
    alone = validate_paths(arguments, TODAY, jobs=1)
    pooled = validate_paths(arguments, TODAY, jobs=2)
    assert _summary(pooled) == _summary(alone)
    assert [r.path.name for r in pooled] == [
        "b-weights.xlsx",
        *(f"c{i:02d}.xlsx" for i in range(PARALLEL_FROM)),
        "laughs.xlsx",
        "notes.xlsx",
        "missing.xlsx",
    ]
    assert [p.code for p in pooled[0].errors] == ["WEIGHTS_NOT_100"]
    assert isinstance(pooled[-3].unreadable, HostilePackage)


def test_refusals_cross_processes_whole() -> None:
    for error in (
        UnreadableWorkbook(Path("a.xlsx"), "no such file", "Check the path."),
        WorkbookStructureError(Path("b.xlsx"), "there is no table named tblBids", "Restore it."),
        HostilePackage(Path("c.xlsx"), "declares a DTD"),
    ):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert (str(copy), copy.hint, copy.path, copy.reason, copy.exit_code) == (
            str(error),
            error.hint,
            error.path,
            error.reason,
            error.exit_code,
        )

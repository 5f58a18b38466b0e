"""One read of the workbook per command (issue #14): the tables once, the audit trail, lock
record and seal parsed once, and an openpyxl load only to write.

`dps score` used to load the workbook twice and parse the audit trail three times.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from unittest import mock

from addin.services import loading
from addin.services.evaluation import score
from addin.services.report import write_report
from addin.services.validate import validate_workbook
from addin.workbook import file_workbook
from addin.workbook.file_workbook import FileWorkbook
from tests.builders import PANEL_DAY, TODAY, moderated_workbook

COUNTED = {
    "tables read (calamine)": (file_workbook, "read_tables"),
    "tables read for validate": (loading, "read_tables"),
    "openpyxl loads": (file_workbook, "open_workbook"),
    "audit trail parsed": (loading, "read_audit_rows"),
    "lock record parsed": (loading, "read_lock_rows"),
    "seal parsed": (loading, "read_seal_rows"),
}


@contextmanager
def counting() -> Iterator[dict[str, mock.MagicMock]]:
    with ExitStack() as stack:
        yield {
            what: stack.enter_context(mock.patch.object(module, name, wraps=getattr(module, name)))
            for what, (module, name) in COUNTED.items()
        }


def counts(calls: dict[str, mock.MagicMock]) -> dict[str, int]:
    return {what: spy.call_count for what, spy in calls.items()}


def test_score_reads_once_and_loads_openpyxl_once_to_write(tmp_path: Path) -> None:
    path = moderated_workbook(tmp_path)
    with counting() as calls:
        score(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    assert counts(calls) == {
        "tables read (calamine)": 1,
        "tables read for validate": 0,
        "openpyxl loads": 1,
        "audit trail parsed": 1,
        "lock record parsed": 1,
        "seal parsed": 0,  # not scored before: no Seal sheet yet
    }


def test_report_and_validate_read_once_and_never_load_openpyxl(tmp_path: Path) -> None:
    path = moderated_workbook(tmp_path)
    score(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    with counting() as calls:
        write_report(FileWorkbook(path), tmp_path / "report.md", PANEL_DAY)
    assert counts(calls) == {
        "tables read (calamine)": 1,
        "tables read for validate": 0,
        "openpyxl loads": 0,
        "audit trail parsed": 1,
        "lock record parsed": 1,
        "seal parsed": 1,
    }
    with counting() as calls:
        assert validate_workbook(path, TODAY).errors == []
    assert counts(calls) == {
        "tables read (calamine)": 0,
        "tables read for validate": 1,
        "openpyxl loads": 0,
        "audit trail parsed": 1,
        "lock record parsed": 1,
        "seal parsed": 1,
    }

"""Desktop Excel refuses writes to protected cells; the ribbon lifts and restores protection.

The last tests go through LiveWorkbook's own writes on a sheet that behaves like a protected
desktop Excel sheet, so they fail if the live workbook stops lifting protection.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import xlwings as xw
from openpyxl import load_workbook

from addin.domain import schema
from addin.excel.live_workbook import LiveWorkbook
from addin.excel.protection import writable
from tests.builders import launched_workbook
from tests.excel.payloads import payload


class ComSheetApi:
    def __init__(self, protected: bool) -> None:
        self.ProtectContents = protected
        self.calls: list[str] = []

    def Unprotect(self) -> None:
        self.calls.append("Unprotect")
        self.ProtectContents = False

    def Protect(self, **options: Any) -> None:
        self.calls.append("Protect")
        self.ProtectContents = True


def sheet(engine: str, api: object) -> Any:
    return SimpleNamespace(
        book=SimpleNamespace(app=SimpleNamespace(engine=SimpleNamespace(name=engine))), api=api
    )


def test_a_protected_sheet_is_lifted_for_the_write_and_protected_again() -> None:
    api = ComSheetApi(protected=True)
    with writable(sheet("excel", api)):
        assert api.ProtectContents is False
    assert api.calls == ["Unprotect", "Protect"] and api.ProtectContents is True


def test_an_unprotected_sheet_is_left_alone() -> None:
    api = ComSheetApi(protected=False)
    with writable(sheet("excel", api)):
        pass
    assert api.calls == []


def test_protection_is_restored_even_when_the_write_fails() -> None:
    api = ComSheetApi(protected=True)
    try:
        with writable(sheet("excel", api)):
            raise RuntimeError("Excel said no")
    except RuntimeError:
        pass
    assert api.ProtectContents is True


def test_the_remote_engine_is_not_touched() -> None:
    with writable(sheet("remote", object())):
        pass


# --- through the live workbook's own writes -----------------------------------------------------


class GuardedRange:
    """A range on a protected sheet: Excel refuses a write while the sheet is protected."""

    def __init__(self, real: Any, api: ComSheetApi) -> None:
        object.__setattr__(self, "_real", real)
        object.__setattr__(self, "_api", api)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def __setattr__(self, name: str, value: object) -> None:
        if self._api.ProtectContents:
            raise RuntimeError(f"Excel refused to set {name}: the sheet is protected")
        self._api.calls.append(f"set {name}")
        setattr(self._real, name, value)


class ProtectedSheet:
    """A remote-engine sheet dressed as a protected desktop Excel sheet (COM api)."""

    def __init__(self, real: Any) -> None:
        self._real = real
        self.api = ComSheetApi(protected=True)
        self.book = sheet("excel", self.api).book

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def range(self, *args: Any) -> GuardedRange:
        return GuardedRange(self._real.range(*args), self.api)


def launched_live(tmp_path: Path, protected: str) -> tuple[LiveWorkbook, ProtectedSheet]:
    """The launched sample open in 'Excel', its `protected` sheet protected as at launch."""
    path = launched_workbook(tmp_path)
    live = LiveWorkbook(xw.Book(json=payload(load_workbook(path), path.name)))
    live.read()
    guarded = ProtectedSheet(live.book.sheets[protected])
    real_sheet = live._sheet
    live._sheet = lambda table: guarded if table.sheet == protected else real_sheet(table)  # type: ignore[method-assign]
    return live, guarded


def test_the_live_workbook_lifts_protection_to_set_a_competition_field(tmp_path: Path) -> None:
    live, competition = launched_live(tmp_path, "Competition")
    live.set_field("Status", "Closed")
    live.flush()  # the change is sent when the action ends
    assert competition.api.calls[0] == "Unprotect" and competition.api.calls[-1] == "Protect"
    assert "set value" in competition.api.calls
    assert competition.api.ProtectContents is True


def test_the_live_workbook_lifts_protection_to_append_to_the_audit(tmp_path: Path) -> None:
    live, audit = launched_live(tmp_path, "Audit")
    live.append_rows(schema.AUDIT.name, [{"Who": "Sam Patel", "Action": "Closed"}])
    live.flush()
    assert audit.api.calls[0] == "Unprotect" and audit.api.calls[-1] == "Protect"
    assert "set value" in audit.api.calls
    assert audit.api.ProtectContents is True

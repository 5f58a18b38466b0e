"""Desktop Excel refuses writes to protected cells; the ribbon lifts and restores protection."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from addin.excel.protection import writable


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

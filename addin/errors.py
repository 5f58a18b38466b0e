"""Failures that stop work. Problems in an officer's data are returned, not raised (see
addin.domain.problems); these are for when a command cannot go on at all.

Each carries its data as attributes and a `hint` saying what to do next.
"""

from __future__ import annotations

from pathlib import Path


class DpsError(Exception):
    """Base class: `str(error)` is one line an officer can act on."""

    hint: str = ""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        if hint:
            self.hint = hint


class UnreadableWorkbook(DpsError):
    """The file is not a competition workbook we can read (wrong format, corrupt, encrypted)."""

    def __init__(self, path: Path, reason: str, hint: str = "") -> None:
        super().__init__(f"{path}: {reason}", hint)
        self.path = path
        self.reason = reason


class WorkbookStructureError(UnreadableWorkbook):
    """A table or a header the add-in relies on is missing or renamed."""


class WorkbookBusy(DpsError):
    """The workbook is open in Excel or read-only, so it cannot be written safely."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"{path}: {reason}",
            "Close it in Excel (or make it writable) and run the command again.",
        )
        self.path = path

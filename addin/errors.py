"""Failures that stop work. Problems in an officer's data are returned, not raised (see
addin.domain.problems); these are for when a command cannot go on at all.

Each carries its data as attributes and a `hint` saying what to do next.
"""

from __future__ import annotations

from pathlib import Path


class DpsError(Exception):
    """Base class: `str(error)` is one line an officer can act on."""

    hint: str = ""
    exit_code: int = 2
    details: list[str]

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.details = []
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


class ProblemsFound(DpsError):
    """An action stopped because the workbook has errors; `details` lists them, cell by cell."""

    exit_code = 1

    def __init__(self, message: str, details: list[str], hint: str) -> None:
        super().__init__(message, hint)
        self.details = details


class ActionRefused(DpsError):
    """The competition's status does not allow this action now."""

    exit_code = 1

    def __init__(self, action: str, reason: str) -> None:
        super().__init__(f"{action} refused: {reason}")
        self.action = action
        self.reason = reason


class CriteriaChangedAfterLaunch(ProblemsFound):
    """Locked values differ from the launch fingerprint, or the audit trail was altered."""

    def __init__(self, reference: str, changes: list[str]) -> None:
        super().__init__(
            f"competition {reference} has been changed since launch",
            changes,
            "Restore the launched values (the Lock sheet lists them) or the latest backup.",
        )
        self.reference = reference
        self.changes = changes


class WriteFailed(DpsError):
    """The operating system refused a write (disk full, permission denied, path too long…)."""

    def __init__(self, path: Path, error: OSError) -> None:
        super().__init__(
            f"{path}: could not write ({error.strerror or error})",
            "Nothing was changed. Fix the cause (free disk space, permissions, a shorter path) "
            "and run the command again.",
        )
        self.path = path
        self.error = error


class LetterDateInPast(DpsError):
    """Letters dated before today: the standstill would count from a day already gone."""

    exit_code = 1

    def __init__(self, dated: str, today: str) -> None:
        super().__init__(
            f"the letter date {dated} is in the past (today is {today}): letters are dated the "
            "day they are sent, and the standstill counts from that day",
            "Leave out --date to date them today, or give the day they will be sent.",
        )
        self.dated = dated
        self.today = today

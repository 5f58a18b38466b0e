"""Failures that stop work. Problems in an officer's data are returned, not raised (see
addin.domain.problems); these are for when a command cannot go on at all.

Each carries its data as attributes and a `hint` saying what to do next. One that stops on
problems in the officer's data carries them as Problem objects (`problems`, each naming its
cells), which every door formats at the last moment (addin/presentation.py) and the ribbon
highlights.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: `dps --help` must not load the domain (pydantic)
    from addin.domain.problems import Problem


class DpsError(Exception):
    """Base class: `str(error)` is one line an officer can act on."""

    hint: str = ""
    exit_code: int = 2
    # The problems that stopped the action, located (with `cells`); none for most failures.
    problems: tuple[Problem, ...] = ()

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        if hint:
            self.hint = hint

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled as it is (`dps validate --jobs` sends reports between processes): subclasses
        # take other arguments than the message, so unpickling must not call their __init__.
        return _rebuild, (type(self), self.args, self.__dict__)


def _rebuild(kind: type[DpsError], args: tuple[object, ...], state: dict[str, object]) -> DpsError:
    error = kind.__new__(kind)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


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


class HostilePackage(UnreadableWorkbook):
    """The file is a zip built to exhaust memory or a parser: refused before it is parsed."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            path,
            reason,
            "Do not open it: it may have been made to exhaust the computer's memory. Ask the "
            "sender for the workbook again, saved by Excel.",
        )


class WorkbookLocked(DpsError):
    """Another dps command (or ribbon action on a shared drive) is changing the workbook."""

    exit_code = 1

    def __init__(self, path: Path, holder: str, lock_file: str) -> None:
        super().__init__(
            f"{path} is being changed by {holder}",
            "Wait for that command to finish, then run yours again. If that process no longer "
            f"exists on that machine, delete {lock_file} beside the workbook.",
        )
        self.path = path
        self.holder = holder


class ChangedDuringRun(DpsError):
    """The file changed on disk while a command was working on it (not through dps)."""

    exit_code = 1

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} was changed by another program while this command was working on it",
            "Nothing was saved. Check the workbook, then run the command again.",
        )


class WouldLoseContent(DpsError):
    """Saving with openpyxl would drop parts of the file (threaded comments, slicers…)."""

    def __init__(self, path: Path, parts: list[str]) -> None:
        super().__init__(
            f"{path} contains {', '.join(parts)}, which this command would drop when it saves",
            "Nothing was changed. Run again with --output NEW.xlsx to write a copy, or move those "
            "items to another workbook.",
        )
        self.path = path
        self.parts = parts


class ProblemsFound(DpsError):
    """An action stopped because the workbook has errors: `problems`, each naming its cells."""

    exit_code = 1

    def __init__(self, message: str, problems: Iterable[Problem], hint: str) -> None:
        super().__init__(message, hint)
        self.problems = tuple(problems)


class ActionRefused(DpsError):
    """The competition's status does not allow this action now."""

    exit_code = 1

    def __init__(self, action: str, reason: str) -> None:
        super().__init__(f"{action} refused: {reason}")
        self.action = action
        self.reason = reason


class CriteriaChangedAfterLaunch(ProblemsFound):
    """Locked values differ from the launch fingerprint, or the audit trail was altered."""

    def __init__(self, reference: str, changes: Iterable[Problem]) -> None:
        super().__init__(
            f"competition {reference} has been changed since launch",
            changes,
            "Restore the launched values (the Lock sheet lists them) or the latest backup.",
        )
        self.reference = reference


class WriteFailed(DpsError):
    """The operating system refused a write (disk full, no permission, path too long…).

    Raised by `addin.atomic.write_atomically`, so every writer reports it the same way: the
    message names the file and says what to do; whatever was there before is untouched.
    """

    def __init__(self, path: Path, reason: str, advice: str, error: OSError | None = None) -> None:
        super().__init__(f"{reason} {path}: {advice}")
        self.path = path
        self.reason = reason
        self.advice = advice
        self.error = error


class InternalError(DpsError):
    """An unexpected exception: a bug in the add-in, not the officer's doing."""

    def __init__(self, step: str, error: BaseException, subject: str = "") -> None:
        about = f" on {subject}" if subject else ""
        super().__init__(
            f"internal error — please report it: {step}{about} failed with "
            f"{type(error).__name__}: {error}"
        )
        self.step = step
        self.error = error
        self.subject = subject


class EvaluationChangedAfterScoring(ProblemsFound):
    """A bid, mark, declaration or moderation differs from what the result was scored on."""

    def __init__(self, reference: str, changes: Iterable[Problem]) -> None:
        super().__init__(
            f"competition {reference} has been changed since it was scored",
            changes,
            "Restore the scored values (the Seal sheet lists them) or the latest backup; or score "
            "again (dps score) to accept the change.",
        )
        self.reference = reference


class CellValueRefused(DpsError):
    """A value the add-in was about to write cannot be held by an Excel cell as it stands.

    Raised before anything is saved, so the workbook is left as it was.
    """

    exit_code = 1

    def __init__(self, where: str, value: str, reason: str) -> None:
        super().__init__(
            f"{where} value {shown_value(value)} {reason}",
            "Correct the value (in the workbook or on the command line) and run the command again.",
        )
        self.where = where
        self.value = value
        self.reason = reason


def shown_value(value: str, limit: int = 60) -> str:
    """The value in quotes, control characters escaped and long text cut, for one message line."""
    cut = value if len(value) <= limit else value[:limit] + "…"
    escaped = "".join(
        ch if ch == " " or ch.isprintable() else f"\\x{ord(ch):02x}" if ord(ch) < 256 else ch
        for ch in cut
    )
    return f'"{escaped}"'


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


class LettersAlreadyIssued(ActionRefused):
    """Letters the workbook records as issued are never replaced without --force."""

    def __init__(self, reason: str) -> None:
        super().__init__("letters", reason)
        self.hint = (
            "Letters already issued are not replaced silently: add --force to issue them again "
            "(recorded in the audit trail as a re-issue), or choose another --out folder."
        )


class LettersNotInPlace(DpsError):
    """The workbook was saved recording the letters, but some could not be moved into place."""

    def __init__(self, folder: Path, missing: list[Path], reason: str) -> None:
        super().__init__(
            f"{folder}: the workbook records the letters, but {len(missing)} document(s) could "
            f"not be put in the folder ({reason}), e.g. {missing[0].name}",
            "Fix the cause (close the letter in Word, free disk space), then run the same "
            "command again: letters the workbook records but the folder lacks are re-created "
            "as recorded, without --force.",
        )
        self.folder = folder
        self.missing = missing


class OcidPrefixInvalid(DpsError):
    """The OCDS ocid prefix given is not one the OCDS Helpdesk could have registered."""

    def __init__(self, prefix: str) -> None:
        super().__init__(
            f'"{prefix}" is not an OCDS ocid prefix',
            'A prefix is "ocds-" and six lower-case letters or digits, e.g. ocds-b5fd17, as '
            "registered with the OCDS Helpdesk.",
        )

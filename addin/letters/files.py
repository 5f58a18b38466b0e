"""Writing a letter file whole, and the error when Word holds it open.

The reg. 84 report is written through addin.atomic, as every other file the add-in makes."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path

from addin.errors import DpsError


class LetterFileBusy(DpsError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path}: cannot be replaced (open in Word, or read-only)",
            "Close the letter in Word and run the command again.",
        )
        self.path = path


def write_atomically(out: Path, save: Callable[[Path], object]) -> Path:
    """Calls `save(temp)` for a temporary file in `out`'s folder, then renames it over `out`.

    A rename within one folder is atomic: a crash never leaves half a letter that looks sent.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    # A fresh name, created by `save` itself: mkstemp would leave the letter readable by its
    # owner only (0600), which a shared letters folder does not want.
    temp = out.with_name(f".{out.stem}-{uuid.uuid4().hex}{out.suffix}")
    try:
        save(temp)
        os.replace(temp, out)
    except PermissionError as exc:
        raise LetterFileBusy(out) from exc
    finally:
        temp.unlink(missing_ok=True)
    return out

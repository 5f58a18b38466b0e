"""Files for the officer: each offered once, under a short-lived unguessable link.

The letters and the report are written into a private work folder for the action, then moved to
`<root>/<token>/<name>` (several files zipped). The token (secrets.token_urlsafe, 256 bits) is
the link: the browser that fetches it cannot send the officer's sign-in, so the link itself is
the permission. A download is taken by renaming its folder (atomic: a second request finds
nothing) and removed once sent; anything older than an hour is removed by `purge`. The store is
a folder, not memory, so every worker process of the server sees the same downloads.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

LIFETIME_SECONDS = 60 * 60
TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")  # what secrets.token_urlsafe(32) makes
WORK, TAKEN = ".work-", ".taken-"


@dataclass(frozen=True)
class Download:
    token: str
    name: str


@dataclass(frozen=True)
class Taken:
    """A download taken for sending: the file, and the folder to remove once it is sent."""

    file: Path
    folder: Path


class Downloads:
    def __init__(self, root: Path, clock: Callable[[], float] = time.time) -> None:
        self.root = root
        self.clock = clock

    @contextmanager
    def work_folder(self) -> Iterator[Path]:
        """A private folder for one action's documents, removed when the action is done."""
        folder = Path(tempfile.mkdtemp(prefix=WORK, dir=self.root))
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def offer(self, files: Sequence[Path], base: Path, bundle: str) -> Download:
        """One link for `files`: the file itself when there is one, else a zip named `bundle`
        holding them under their paths below `base`."""
        token = secrets.token_urlsafe(32)
        folder = self.root / token
        folder.mkdir(mode=0o700)
        if len(files) == 1:
            name = files[0].name
            shutil.move(files[0], folder / name)
        else:
            name = bundle
            with zipfile.ZipFile(folder / name, "w", zipfile.ZIP_DEFLATED) as zf:
                for file in files:
                    zf.write(file, file.relative_to(base).as_posix())
        os.utime(folder, (self.clock(), self.clock()))  # its age counts from now
        return Download(token, name)

    def take(self, token: str) -> Taken | None:
        """The download for `token`, now no longer offered; None if there is none (any more)."""
        if not TOKEN.match(token):
            return None
        taken = self.root / f"{TAKEN}{token}"
        try:
            (self.root / token).rename(taken)
        except FileNotFoundError:
            return None
        files = [p for p in taken.iterdir() if p.is_file()]
        if self._expired(taken) or len(files) != 1:
            shutil.rmtree(taken, ignore_errors=True)
            return None
        return Taken(files[0], taken)

    def purge(self) -> int:
        """Removes every download, work folder and taken download older than the lifetime."""
        removed = 0
        for entry in self.root.iterdir():
            if entry.is_dir() and self._expired(entry):
                shutil.rmtree(entry, ignore_errors=True)
                removed += 1
        return removed

    def _expired(self, folder: Path) -> bool:
        return self.clock() - folder.stat().st_mtime >= LIFETIME_SECONDS

"""One writer at a time: an exclusive lock on a workbook for a command's whole read–change–save.

The lock is a small file beside the workbook, `.~dps-lock-<name>`, that names its holder (user,
machine, process, command, since when), held with the operating system's own lock (flock on
Linux and macOS, msvcrt on Windows) for as long as the command runs. The OS lock dies with its
process, so a lock file left behind by a crash is recognised as stale and taken over; a lock
file whose OS lock is held belongs to a running command, and a second writer is refused at once.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from addin.atomic import write_failed
from addin.errors import WorkbookLocked

LOCK_PREFIX = ".~dps-lock-"


def lock_path(workbook: Path) -> Path:
    return workbook.with_name(LOCK_PREFIX + workbook.name)


def _try_os_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _describe(holder: dict[str, object]) -> str:
    return (
        f"`dps {holder.get('command', '?')}` run by {holder.get('user', '?')} on "
        f"{holder.get('host', '?')} (process {holder.get('pid', '?')}) since "
        f"{holder.get('since', '?')} UK time"
    )


def _read_holder(fd: int) -> dict[str, object]:
    os.lseek(fd, 0, os.SEEK_SET)
    try:
        found = json.loads(os.read(fd, 4096).decode("utf-8") or "{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return found if isinstance(found, dict) else {}


def _same_file(fd: int, path: Path) -> bool:
    """False when the lock file was removed (and perhaps re-made) after we opened it."""
    try:
        on_disk = path.stat()
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def _open_and_lock(workbook: Path) -> int:
    """The workbook's lock file, open and locked; WorkbookLocked names the workbook and the
    lock file to delete if its holder is gone."""
    path = lock_path(workbook)
    for _ in range(5):  # retry only when a finishing holder unlinked the file under us
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_os_lock(fd):
            holder = _read_holder(fd)
            os.close(fd)
            who = _describe(holder) if holder else "another dps command"
            raise WorkbookLocked(workbook, who, path.name)
        if _same_file(fd, path):
            return fd
        os.close(fd)
    raise WorkbookLocked(workbook, "another dps command (the lock file keeps changing)", path.name)


@contextmanager
def exclusive(workbook: Path, command: str, since: datetime) -> Iterator[dict[str, object]]:
    """Holds the workbook's writer lock; yields the stale holder's details if one was taken over."""
    path = lock_path(workbook)
    try:
        fd = _open_and_lock(workbook)
    except OSError as exc:
        raise write_failed(path, exc) from exc
    try:
        stale = _read_holder(fd)
        holder = {
            "command": command,
            "user": getpass.getuser(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": since.strftime("%Y-%m-%d %H:%M:%S"),
        }
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps(holder).encode("utf-8"))
        yield stale
    finally:
        # Unlink while still holding the OS lock, so no one can lock a file about to vanish.
        try:
            path.unlink(missing_ok=True)
        finally:
            os.close(fd)

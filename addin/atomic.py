"""Writing a file so that a failure never leaves half of it: the one atomic-write helper.

Every writer (workbook saves, backups, letters, reports) goes through `write_atomically`:

* the content is written to a temporary file beside the target, named `.~dps-tmp-…` so that
  `dps validate` and officers can recognise it, flushed to disk, then renamed over the target
  (a rename within one folder is atomic: readers see the old file or the new one, never half);
* a symlinked target is written through: the file it points to is replaced, the link stays;
* the replacement keeps the original's mode, and its owner and group where permitted;
* a target with other hard links is updated in place after the new content is complete (see
  `_write_through`), so every name keeps seeing the same file;
* any OSError becomes one `WriteFailed` naming the file and what to do, and no temporary file
  is left behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from addin.errors import WriteFailed

# Every file the tool creates for its own bookkeeping starts with this (temp files, writer locks).
OWN_FILE_PREFIX = ".~dps-"
TEMP_PREFIX = f"{OWN_FILE_PREFIX}tmp-"
# Where a workbook's backups go, beside it (addin.workbook.safe_save); `dps validate` skips it.
BACKUP_FOLDER = "backups"

_CHUNK = 1 << 20

# errno → (what happened, what to do). The message reads "<what happened> <path>: <what to do>".
_ADVICE: dict[int, tuple[str, str]] = {
    errno.ENOSPC: (
        "no space left on the disk holding",
        "free some space and run again (nothing was changed)",
    ),
    errno.EACCES: (
        "permission denied writing",
        "check that the file is not open in another program and that you may write to its "
        "folder, then run again (nothing was changed)",
    ),
    errno.ENAMETOOLONG: (
        "the name or path is too long for",
        "use a shorter file name or a folder nearer the top of the disk, then run again",
    ),
    errno.EROFS: (
        "the disk is read-only for",
        "copy the workbook to a folder you can write to and run again (nothing was changed)",
    ),
    errno.EIO: (
        "the disk reported a read/write error for",
        "check the disk or network drive and run again (nothing was changed)",
    ),
    errno.EFBIG: (
        "the file system cannot hold a file this large:",
        "save to another disk and run again (nothing was changed)",
    ),
    errno.EBUSY: (
        "another program is using",
        "close it and run again (nothing was changed)",
    ),
    errno.ENOENT: (
        "the folder does not exist (or was removed) for",
        "check the path and run again",
    ),
}
_ADVICE[errno.EPERM] = _ADVICE[errno.EACCES]
if hasattr(errno, "EDQUOT"):
    _ADVICE[errno.EDQUOT] = (
        "your disk quota is used up on the disk holding",
        "delete some of your files or ask IT for more space, then run again (nothing was changed)",
    )


def write_failed(path: Path, error: OSError) -> WriteFailed:
    """The one line an officer sees for an OSError while writing `path`."""
    reason, advice = _ADVICE.get(
        error.errno or -1,
        (
            f"could not write ({error.strerror or type(error).__name__})",
            "check the disk and the folder, then run again (nothing was changed)",
        ),
    )
    return WriteFailed(path, reason, advice, error)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable. Not possible on Windows, where it is not needed either.
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _keep_metadata(temp: Path, like: os.stat_result | None) -> None:
    """Mode, owner and group of the file being replaced (or the usual mode for a new file)."""
    if like is None:
        os.chmod(temp, 0o666 & ~_umask())
        return
    os.chmod(temp, stat.S_IMODE(like.st_mode))
    if not hasattr(os, "chown"):
        return
    try:
        os.chown(temp, like.st_uid, like.st_gid)
    except PermissionError:
        # Only root may give a file away; a member of the group may still set the group.
        with contextlib.suppress(PermissionError):
            os.chown(temp, -1, like.st_gid)


def _copy_bytes(source: Path, fd: int) -> int:
    written = 0
    with source.open("rb") as data:
        while chunk := data.read(_CHUNK):
            view = memoryview(chunk)
            while view:
                done = os.write(fd, view)
                view = view[done:]
                written += done
    return written


def _write_through(temp: Path, target: Path) -> None:
    """Copies the complete new content into the target's own inode, keeping its hard links.

    A rename would give the target name a new inode and leave the other links on the old
    content. Instead, once the new content is complete and on disk in `temp`, it is written over
    the old bytes from the start and the file is then truncated to the new length. Old blocks are
    reused before any is released, and the old bytes are kept in memory: if the copy fails (a
    full disk while the file grows), they are written back into blocks the file already has, so
    the original is restored. Only a crash in the middle of the copy can leave a mixed file; the
    backup taken before every in-place save is there for that case.
    """
    old = target.read_bytes()
    fd = os.open(target, os.O_WRONLY)
    try:
        try:
            length = _copy_bytes(temp, fd)
            os.ftruncate(fd, length)
            os.fsync(fd)
        except OSError:
            os.lseek(fd, 0, os.SEEK_SET)
            view = memoryview(old)
            while view:
                view = view[os.write(fd, view) :]
            os.ftruncate(fd, len(old))
            os.fsync(fd)
            raise
    finally:
        os.close(fd)


def write_atomically(path: Path, write: Callable[[Path], object]) -> Path:
    """Calls `write(temp)` to fill a temporary file, then puts it in place of `path`.

    Returns `path`. Raises WriteFailed (nothing changed, no temporary file left) on any OSError;
    any other exception from `write` propagates, also leaving nothing behind.
    """
    target = Path(os.path.realpath(path))  # through symlinks: the link stays, its target changes
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_failed(path, exc) from exc
    # 12 random hex digits (uuid's would do as well, but importing uuid costs every command 6 ms).
    temp = target.with_name(f"{TEMP_PREFIX}{os.urandom(6).hex()}{target.suffix}")
    try:
        try:
            existing: os.stat_result | None = target.stat()
        except FileNotFoundError:
            existing = None
        # Claim the name first (O_EXCL), owner-only until the content is complete.
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        write(temp)
        _fsync_file(temp)
        _keep_metadata(temp, existing)
        if existing is not None and existing.st_nlink > 1:
            _write_through(temp, target)
        else:
            os.replace(temp, target)
        _fsync_folder(target.parent)
    except OSError as exc:
        raise write_failed(path, exc) from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
    return path

"""The demo replays from scratch, removing only what it wrote before.

It keeps a list of its own outputs in `.dps-demo-outputs` inside its folder. A later run removes
exactly those files (and the folders it made, when they are left empty), never anything else;
a folder that holds files but no such list was not made by the demo, so it is refused.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from addin.errors import DpsError

MANIFEST = ".dps-demo-outputs"


class FolderNotTheDemos(DpsError):
    exit_code = 2

    def __init__(self, folder: Path) -> None:
        super().__init__(
            f"{folder} already holds files that the demo did not write",
            "Give the demo an empty or new folder, e.g. `dps demo demo_output`.",
        )


def _files(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*") if p.is_file() or p.is_symlink()}


def _remove_previous(folder: Path, listed: list[str]) -> None:
    parents: set[Path] = set()
    for name in listed:
        path = folder / name
        # Only paths inside the folder, as the demo wrote them; a hand-edited list cannot
        # send the demo outside it.
        if ".." in Path(name).parts or Path(name).is_absolute():
            continue
        path.unlink(missing_ok=True)
        parents.update(p for p in path.parents if folder in p.parents)
    for parent in sorted(parents, key=lambda p: len(p.parts), reverse=True):
        if parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()


@contextmanager
def replay_in(folder: Path) -> Iterator[None]:
    manifest = folder / MANIFEST
    if folder.exists():
        if not folder.is_dir():
            raise FolderNotTheDemos(folder)
        if manifest.exists():
            _remove_previous(folder, json.loads(manifest.read_text(encoding="utf-8")))
        elif any(folder.iterdir()):
            raise FolderNotTheDemos(folder)
    folder.mkdir(parents=True, exist_ok=True)
    before = _files(folder) - {Path(MANIFEST)}
    try:
        yield
    finally:
        written = sorted(str(p.as_posix()) for p in _files(folder) - before - {Path(MANIFEST)})
        manifest.write_text(json.dumps(written, indent=1), encoding="utf-8")

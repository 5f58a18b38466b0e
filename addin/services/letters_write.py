"""The file side of the letters transaction: make every document in a private folder, then
move each into place once the workbook has recorded them.

    with stage_documents(out_dir, owner, wanted) as staged:   # all made; nothing in place yet
        ...record in the workbook and save...
        put_in_place(staged)                                   # one rename per document

Before the workbook is saved, the letters this run replaces are removed from the folder, so
from the save on each letter there is either the one the workbook records or none, whenever
the run stops; the next run re-creates the missing ones.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from addin.atomic import write_failed
from addin.errors import LettersNotInPlace
from addin.letters.pdf import docx_to_pdfs
from addin.letters.render import LetterFileBusy, LetterRenderer
from addin.letters.staging import check_replaceable, move_into_place, staging_folder
from addin.letters.templates import template_for
from addin.services.letters_plan import Planned


@dataclass(frozen=True)
class Documents:
    """What one run makes: its letters (and their PDFs) and the award notice, if any."""

    letters: list[Planned]
    pdf: bool
    notice: Path | None
    notice_text: str | None


@dataclass
class Staged:
    # (made in the private folder, its place in the letters folder), in the order they move.
    moves: list[tuple[Path, Path]] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)


def write_notice(path: Path, text: str) -> Path:
    """The award notice, made in the private folder (moved into place with one rename)."""
    path.write_text(text, encoding="utf-8")
    return path


def _stage(
    folder: Path, out_dir: Path, wanted: Documents, on_item: Callable[[str], None] | None
) -> Staged:
    staged, renderer, made_letters = Staged(), LetterRenderer(), []
    for letter in wanted.letters:
        made = renderer.render(
            template_for(letter.context.outcome), letter.context, folder / letter.path.name
        )
        staged.moves.append((made, letter.path))
        made_letters.append(made)
        if on_item:
            on_item(made.name)
    if wanted.pdf:
        # One LibreOffice start for every letter: starting it is most of the cost of a PDF.
        for pdf in docx_to_pdfs(made_letters, folder):
            staged.moves.append((pdf, out_dir / pdf.name))
            staged.pdfs.append(out_dir / pdf.name)
            if on_item:
                on_item(pdf.name)
    if wanted.notice is not None and wanted.notice_text is not None:
        made = write_notice(folder / wanted.notice.name, wanted.notice_text)
        staged.moves.append((made, wanted.notice))
    return staged


def _make_folder(out_dir: Path) -> bool:
    """Creates the letters folder if needed; True if this run created it."""
    try:
        out_dir.mkdir(parents=True)
    except FileExistsError as exc:
        if out_dir.is_dir():
            return False
        raise write_failed(out_dir, exc) from exc
    except OSError as exc:
        raise write_failed(out_dir, exc) from exc
    return True


@contextlib.contextmanager
def stage_documents(
    out_dir: Path,
    owner: str,
    wanted: Documents,
    on_item: Callable[[str], None] | None = None,
) -> Iterator[Staged]:
    """Every document made in a private folder in `out_dir`; the folder goes on the way out.

    On the way in, the documents this run replaces are removed (after checking each can be),
    so the caller can record them and then `put_in_place`. A letters folder this run created is
    removed again if the run fails before anything was put in it.
    """
    created = _make_folder(out_dir)
    try:
        with staging_folder(out_dir, owner) as folder:
            try:
                staged = _stage(folder, out_dir, wanted, on_item)
            except OSError as exc:
                raise write_failed(Path(exc.filename or folder), exc) from exc
            targets = [target for _, target in staged.moves]
            for target in targets:
                check_replaceable(target)
            _remove(targets)
            yield staged
    except BaseException:
        if created:
            with contextlib.suppress(OSError):
                out_dir.rmdir()  # only if empty: never what an earlier step put there
        raise


def _remove(targets: list[Path]) -> None:
    for target in targets:
        try:
            target.unlink(missing_ok=True)
        except PermissionError as exc:
            raise LetterFileBusy(target) from exc
        except OSError as exc:
            raise write_failed(target, exc) from exc


def put_in_place(staged: Staged, out_dir: Path) -> list[Path]:
    """Moves each document into the letters folder; returns the PDFs' places."""
    for done, (made, target) in enumerate(staged.moves):
        try:
            move_into_place(made, target)
        except (OSError, LetterFileBusy) as exc:
            missing = [t for _, t in staged.moves[done:]]
            reason = exc.strerror if isinstance(exc, OSError) else "open in Word, or read-only"
            raise LettersNotInPlace(out_dir, missing, reason or str(exc)) from exc
    return staged.pdfs

"""Turns Word letters into PDFs with LibreOffice, headless: every letter of a run in one start.

LibreOffice takes a second or more to start and converts a letter in a fraction of that, so a
run's letters go to one `soffice --convert-to pdf a.docx b.docx …`. The throw-away profile it
needs lives in the system's temporary folder, never in the letters folder officers look at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from addin.errors import DpsError

PDF_TIMEOUT_SECONDS = 120.0
# A batch gets the start-up allowance once, and this much more for each letter in it.
PDF_SECONDS_PER_LETTER = 10.0
_LIBREOFFICE_NAMES = ("soffice", "libreoffice")
# Where the installers put it when it is not on PATH (the usual case on Windows and macOS).
_LIBREOFFICE_LOCATIONS = (
    Path("C:/Program Files/LibreOffice/program/soffice.exe"),
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
)


class PdfUnavailable(DpsError):
    def __init__(self) -> None:
        super().__init__(
            "Cannot make PDF letters: LibreOffice is not installed (no 'soffice' or "
            "'libreoffice' program found).",
            "The Word letters are ready. Install LibreOffice to make PDFs, or save each letter "
            "as PDF from Word (File > Save As > PDF).",
        )


class PdfConversionFailed(DpsError):
    def __init__(self, docx: Path, reason: str) -> None:
        super().__init__(
            f"{docx.name}: LibreOffice could not make a PDF: {reason}",
            "Open the letter in Word and save it as PDF.",
        )
        self.docx = docx
        self.reason = reason


def find_libreoffice() -> str | None:
    for name in _LIBREOFFICE_NAMES:
        if found := shutil.which(name):
            return found
    return next((str(p) for p in _LIBREOFFICE_LOCATIONS if p.is_file()), None)


def docx_to_pdf(docx: Path, out_dir: Path, timeout: float = PDF_TIMEOUT_SECONDS) -> Path:
    """Converts one document to `out_dir/<name>.pdf` (see `docx_to_pdfs`)."""
    return docx_to_pdfs([docx], out_dir, timeout)[0]


def docx_to_pdfs(
    documents: Sequence[Path], out_dir: Path, timeout: float | None = None
) -> list[Path]:
    """Converts each document to `out_dir/<name>.pdf` in one LibreOffice run, in order.

    The profile is fresh and private: with the user's own, a conversion started while
    LibreOffice is open hands over to that window and silently does nothing. PDFs are made in a
    temporary folder beside `out_dir` and moved into place, so no partial PDF is left; a letter
    LibreOffice could not convert is named in PdfConversionFailed.
    """
    program = find_libreoffice()
    if program is None:
        raise PdfUnavailable()
    if not documents:
        return []
    if timeout is None:
        timeout = PDF_TIMEOUT_SECONDS + PDF_SECONDS_PER_LETTER * len(documents)
    out_dir.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="dps-pdf-profile-", ignore_cleanup_errors=True) as home,
        tempfile.TemporaryDirectory(
            prefix=".pdf-", dir=out_dir, ignore_cleanup_errors=True
        ) as made,
    ):
        result = _convert(program, Path(home), Path(made), documents, timeout)
        produced = [Path(made, f"{docx.stem}.pdf") for docx in documents]
        failed = [docx for docx, pdf in zip(documents, produced, strict=True) if not pdf.is_file()]
        if failed:  # checked before any PDF moves: a failed batch puts none in place
            code = result.returncode
            reason = result.stderr.strip() or (f"exit code {code}" if code else "no PDF made")
            others = f" ({len(failed) - 1} other letter(s) failed too)" if len(failed) > 1 else ""
            raise PdfConversionFailed(failed[0], f"{reason}{others}")
        targets = [out_dir / pdf.name for pdf in produced]
        for pdf, target in zip(produced, targets, strict=True):
            os.replace(pdf, target)
    return targets


def _convert(
    program: str, home: Path, made: Path, documents: Sequence[Path], timeout: float
) -> subprocess.CompletedProcess[str]:
    command = [
        program,
        f"-env:UserInstallation={home.joinpath('profile').resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(made),
        *(str(docx.resolve()) for docx in documents),
    ]
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise PdfConversionFailed(documents[0], f"no result after {timeout:g} seconds") from exc

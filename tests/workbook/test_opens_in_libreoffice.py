"""Our workbooks open in a real spreadsheet program: LibreOffice converts them (CI installs it)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from addin.letters.pdf import docx_to_pdf, find_libreoffice
from addin.services.evaluation import score
from addin.workbook.file_workbook import FileWorkbook
from addin.workbook.template import TEMPLATE_PATH
from tests.builders import PANEL_DAY, moderated_workbook, scored_workbook

pytestmark = pytest.mark.skipif(
    find_libreoffice() is None and not os.environ.get("DPS_REQUIRE_LIBREOFFICE"),
    reason="LibreOffice is not installed (CI installs it and sets DPS_REQUIRE_LIBREOFFICE)",
)


def test_the_template_and_a_scored_workbook_open_in_libreoffice(tmp_path: Path) -> None:
    scored = scored_workbook(tmp_path)
    for workbook in (TEMPLATE_PATH, scored):
        # docx_to_pdf drives LibreOffice headless for any document it can open.
        pdf = docx_to_pdf(workbook, tmp_path / "pdf")
        assert pdf.read_bytes().startswith(b"%PDF")
        assert pdf.stat().st_size > 5_000


# Every sheet to CSV, one file each (LibreOffice 7.2 and later: the last token, -1).
_EVERY_SHEET_AS_CSV = (
    "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1"
)


def _sheets_as_libreoffice_reads_them(workbook: Path, out: Path) -> dict[str, str]:
    program = find_libreoffice()
    assert program is not None
    profile = (out / "profile").resolve().as_uri()
    subprocess.run(
        [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", _EVERY_SHEET_AS_CSV, "--outdir", str(out), str(workbook)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    prefix = f"{workbook.stem}-"
    return {p.stem.removeprefix(prefix): p.read_text(encoding="utf-8") for p in out.glob("*.csv")}


def test_sheets_a_command_put_back_read_the_same_in_libreoffice(tmp_path: Path) -> None:
    """Scoring loads the evaluators' tabs and Moderation as stand-ins and puts their XML back
    (addin.workbook.stand_ins): LibreOffice reads them exactly as before, and the new Results."""
    path = moderated_workbook(tmp_path / "book")
    before = _sheets_as_libreoffice_reads_them(path, tmp_path / "before")
    score(FileWorkbook(path), "Sam Patel", PANEL_DAY)
    after = _sheets_as_libreoffice_reads_them(path, tmp_path / "after")
    put_back = [t for t in before if t.startswith("Eval ") or t == "Moderation"]
    assert len(put_back) == 4
    for title in put_back:
        assert after[title] == before[title], title
    assert "Winner" in after["Results"] and "Results" not in before

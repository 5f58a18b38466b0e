"""Our workbooks open in a real spreadsheet program: LibreOffice converts them (CI installs it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from addin.letters.pdf import docx_to_pdf, find_libreoffice
from addin.workbook.template import TEMPLATE_PATH
from tests.builders import scored_workbook

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

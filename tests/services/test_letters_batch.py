"""A letters run reads and checks each template once, and makes every PDF in one LibreOffice
start whose profile lives outside the letters folder."""

from __future__ import annotations

import subprocess
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from addin.letters import pdf, render
from addin.letters.pdf import PdfConversionFailed, docx_to_pdfs
from addin.services.letters import write_letters
from addin.workbook.file_workbook import FileWorkbook
from tests.builders import PANEL_DAY, scored_workbook

SENT = date(2026, 12, 18)


def counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> Counter[str]:
    calls: Counter[str] = Counter()
    real = getattr(module, name)

    def counted(template: Path, *args: Any) -> Any:
        calls[template.name] += 1
        return real(template, *args)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_each_template_is_read_and_checked_once_per_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = counting(monkeypatch, render, "_read")
    checks = counting(monkeypatch, render, "_check")
    result = write_letters(
        FileWorkbook(scored_workbook(tmp_path)), tmp_path / "out", None, PANEL_DAY, letter_date=SENT
    )
    outcomes = Counter(p.stem.rsplit("_", 1)[1] for p in result.letters)
    assert outcomes["unsuccessful"] == 2  # two letters from one template...
    assert (
        reads == checks == {"successful.docx": 1, "unsuccessful.docx": 1, "not_evaluated.docx": 1}
    )


def fake_soffice(calls: list[list[str]], fail: str | None = None) -> Any:
    """Stands in for LibreOffice: writes a PDF for each document named, except `fail`."""

    def run(command: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        calls.append(command)
        outdir = Path(command[command.index("--outdir") + 1])
        for document in command[command.index("--outdir") + 2 :]:
            if Path(document).name != fail:
                outdir.joinpath(Path(document).stem + ".pdf").write_bytes(b"%PDF-1.7")
        return subprocess.CompletedProcess(command, 0, "", "")

    return run


def letters(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    made = [folder / f"S{n:03}.docx" for n in range(count)]
    for path in made:
        path.write_bytes(b"docx")
    return made


def test_every_letter_converts_in_one_libreoffice_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(pdf, "find_libreoffice", lambda: "soffice")
    monkeypatch.setattr(pdf.subprocess, "run", fake_soffice(calls))
    out = tmp_path / "letters"
    made = docx_to_pdfs(letters(out, 12), out)
    assert len(calls) == 1
    assert made == [out / f"S{n:03}.pdf" for n in range(12)]
    profile = next(a for a in calls[0] if a.startswith("-env:UserInstallation="))
    assert str(out.resolve().as_uri()) not in profile  # the profile is not in the letters folder
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"S{n:03}.docx" for n in range(12)] + [f"S{n:03}.pdf" for n in range(12)]
    )  # nothing temporary left behind


def test_a_letter_libreoffice_could_not_convert_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "find_libreoffice", lambda: "soffice")
    monkeypatch.setattr(pdf.subprocess, "run", fake_soffice([], fail="S004.docx"))
    out = tmp_path / "letters"
    with pytest.raises(PdfConversionFailed) as caught:
        docx_to_pdfs(letters(out, 6), out)
    assert caught.value.docx.name == "S004.docx"
    assert str(caught.value).startswith("S004.docx: LibreOffice could not make a PDF")
    assert not list(out.glob("*.pdf"))  # no PDF put in place from a failed batch


def test_a_letters_run_with_pdf_starts_libreoffice_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(pdf, "find_libreoffice", lambda: "soffice")
    monkeypatch.setattr("addin.services.letters.find_libreoffice", lambda: "soffice")
    monkeypatch.setattr(pdf.subprocess, "run", fake_soffice(calls))
    book = scored_workbook(tmp_path)
    result = write_letters(
        FileWorkbook(book), tmp_path / "out", None, PANEL_DAY, letter_date=SENT, pdf=True
    )
    assert len(calls) == 1 and len(result.pdfs) == len(result.letters) == 4
    assert all(p.is_file() for p in result.pdfs)

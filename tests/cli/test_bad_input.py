"""Every command meets a missing or non-workbook file with one clear line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from addin.cli.main import main

COMMANDS = [
    ["launch", "{book}", "--officer", "Sam Patel"],
    ["extend", "{book}", "--closing", "2026-12-01 12:00", "--reason", "Q&A"],
    ["invite", "{book}"],
    ["evaluators", "{book}", "--names", "A. Khan"],
    ["moderate", "{book}"],
    ["score", "{book}"],
    ["letters", "{book}", "--out", "{folder}/letters"],
    ["report", "{book}", "--out", "{folder}/report.md"],
    ["validate", "{book}"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize(
    ("make", "says"),
    [(None, "no such file"), ("text", "not an Excel workbook")],
    ids=["missing", "not-xlsx"],
)
def test_unreadable_book(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    make: str | None,
    says: str,
) -> None:
    book = tmp_path / "competition.xlsx"
    if make == "text":
        book.write_text("Supplier,Lot\n")
    args = [a.format(book=book, folder=tmp_path) for a in command]
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert says in out + err
    assert "Traceback" not in out + err
    assert not (tmp_path / "backups").exists()

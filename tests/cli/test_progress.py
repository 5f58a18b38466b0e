"""Long runs show progress on a terminal, on stderr only; never in pipes, JSON or with --quiet."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from addin.cli.main import main
from addin.cli.progress import HANDFUL
from tests.builders import PANEL_DAY, build_workbook, scored_workbook

MANY = HANDFUL + 3


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("many")
    first = build_workbook(where / "w0.xlsx")
    for n in range(1, MANY):
        shutil.copy(first, where / f"w{n}.xlsx")
    return where


def run(
    argv: list[str],
    terminal: bool,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[str, str]:
    capsys.readouterr()
    monkeypatch.setattr(sys.stderr, "isatty", lambda: terminal)
    main(argv)
    return capsys.readouterr()


def shows_progress(err: str, count: int, unit: str) -> bool:
    """tqdm's line: `8 workbooks [00:00, 251.15 workbooks/s, w7.xlsx]`, the last at least `count`."""
    counts = [int(n) for n in re.findall(rf"(\d+) {unit} \[", err)]
    return bool(counts) and counts[-1] >= count


@pytest.mark.parametrize("command", ["validate", "register"])
def test_a_batch_on_a_terminal_shows_progress_on_stderr(
    command: str, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    unit = "workbooks" if command == "validate" else "files"
    out, err = run(
        [command, str(folder), "--jobs", "1"][: 2 if command == "register" else 4],
        True,
        monkeypatch,
        capsys,
    )
    assert shows_progress(err, MANY, unit)
    assert unit not in out and "it/s" not in out


@pytest.mark.parametrize(
    "extra, terminal",
    [([], False), (["--quiet"], True), (["--format", "json"], True)],
    ids=["not a terminal", "--quiet", "json"],
)
@pytest.mark.parametrize("command", ["validate", "register"])
def test_no_progress_off_a_terminal_with_quiet_or_json(
    command: str,
    extra: list[str],
    terminal: bool,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, err = run([command, str(folder), *extra], terminal, monkeypatch, capsys)
    assert err == ""
    if "json" in extra:
        import json

        json.loads(out)  # nothing mixed into the JSON


def test_a_few_workbooks_show_no_progress(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [str(folder / f"w{n}.xlsx") for n in range(HANDFUL)]
    _, err = run(["validate", *paths], True, monkeypatch, capsys)
    assert err == ""


def test_letters_show_progress_on_a_terminal_and_not_with_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("addin.cli.progress.HANDFUL", 2)  # the sample has 4 letters
    monkeypatch.setattr("addin.cli.letters.uk_now", lambda: PANEL_DAY)
    book = scored_workbook(tmp_path)
    shutil.copy(book, tmp_path / "quiet.xlsx")
    argv = ["letters", str(book), "--out", str(tmp_path / "a")]
    out, err = run(argv, True, monkeypatch, capsys)
    assert shows_progress(err, 4, "documents") and "documents" not in out
    argv = ["letters", str(tmp_path / "quiet.xlsx"), "--out", str(tmp_path / "b"), "--quiet"]
    _, err = run(argv, True, monkeypatch, capsys)
    assert err == ""

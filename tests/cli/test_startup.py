"""Start-up (issue #14): `dps` imports only what the command it runs needs.

Each check runs `dps` in a fresh Python process and lists the heavy libraries it loaded, so a
command module that imports openpyxl, docxtpl or xlwings at its top, or a read path that falls
back to openpyxl, fails here instead of silently slowing every command down.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from addin.cli import commands
from addin.cli.main import build_parser, main
from tests.builders import build_workbook, live_fields, scored_workbook

HEAVY = ("openpyxl", "docxtpl", "docx", "xlwings", "holidays", "lxml", "jinja2")
_RUNNER = """
import contextlib, io, json, sys
from addin.cli.main import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        code = main(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code
print(json.dumps({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def _loaded(*arguments: str) -> tuple[int, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, *arguments],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result = json.loads(done.stdout)
    return result["code"], set(result["modules"])


def test_help_imports_no_heavy_library() -> None:
    code, modules = _loaded("--help")
    assert code == 0
    assert modules.isdisjoint(HEAVY), sorted(modules.intersection(HEAVY))
    assert "pydantic" not in modules  # --help does not even load the domain


def test_validate_imports_no_heavy_library(tmp_path: Path) -> None:
    book = build_workbook(tmp_path, fields=live_fields())
    code, modules = _loaded("validate", str(book))
    assert code == 0
    assert modules.isdisjoint(HEAVY), sorted(modules.intersection(HEAVY))
    assert "python_calamine" in modules


def test_report_imports_neither_the_workbook_writer_nor_the_letters(tmp_path: Path) -> None:
    # A read-only report: the tables come from calamine, the .docx from python-docx alone.
    out = tmp_path / "report.docx"
    code, modules = _loaded("report", str(scored_workbook(tmp_path)), "--out", str(out))
    assert code == 0 and out.exists()
    assert modules.isdisjoint(("openpyxl", "docxtpl", "jinja2", "xlwings", "holidays")), sorted(
        modules.intersection(HEAVY)
    )


def test_score_does_not_import_letters_or_excel(tmp_path: Path) -> None:
    _, modules = _loaded("score", "--help")
    assert modules.isdisjoint(("docxtpl", "xlwings", "holidays")), sorted(modules)


def test_every_command_is_registered_by_its_module_with_the_tables_help() -> None:
    for command in commands.COMMANDS:
        parser = build_parser([command.name])
        choices = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
        assert list(choices) == [c.name for c in commands.COMMANDS]  # the listing's order
        registered = choices[command.name]
        assert registered.add_help, f"{command.name} was only listed, not registered"
        helps = {a.dest: a.help for a in parser._subparsers._group_actions[0]._choices_actions}  # type: ignore[union-attr]
        assert helps[command.name] == command.help


@pytest.mark.parametrize("name", [c.name for c in commands.COMMANDS])
def test_each_command_answers_help(name: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        build_parser([name, "--help"]).parse_args([name, "--help"])
    assert exit_.value.code == 0


def test_the_chosen_command_is_the_first_argument_that_is_not_an_option() -> None:
    assert commands.chosen_command(["--debug", "score", "book.xlsx"]) == "score"
    assert commands.chosen_command(["--version"]) is None


def test_a_caller_gets_its_collector_back_as_it_was(tmp_path: Path) -> None:
    """main() sets the import-time objects aside and collects less often while the command
    runs; a caller that goes on (a test run, a script) must find the collector as it left it."""
    before = gc.get_threshold()
    assert main(["validate", str(build_workbook(tmp_path)), "--quiet"]) == 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0

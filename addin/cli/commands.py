"""Every `dps` sub-command, in the order an officer meets them, and the module that runs it.

Start-up is the cost an officer pays on every command, so `dps` imports only the module of the
command it runs: this table names each command's module as text, `dps --help` lists the
commands from the table alone, and `dps score …` imports `addin.cli.evaluate` (and what it
needs) but never the letters, the report or the Excel add-in. A command module may import
whatever its own commands need at its top.

To add a command: a line here, and in its module a `register(sub)` that adds a parser for each
command the table gives that module, with `help=help_of(name)`, and `set_defaults(run=…)`.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    name: str
    module: str  # imported only when this command (or another of its module's) runs
    help: str


COMMANDS: tuple[Command, ...] = (
    Command("new", "addin.cli.new", "create a competition workbook from the template"),
    Command("invite", "addin.cli.new", "add a Bids row for every Active member of the lot"),
    Command(
        "validate", "addin.cli.validate", "check competition workbooks (files, folders or globs)"
    ),
    Command("launch", "addin.cli.launch", "validate, lock and fingerprint the criteria"),
    Command("extend", "addin.cli.launch", "move the closing date later (audited)"),
    Command(
        "accept-late",
        "addin.cli.evaluate",
        "evaluate a late bid: a recorded decision, before evaluator tabs",
    ),
    Command("evaluators", "addin.cli.evaluate", "add a scoring tab per evaluator"),
    Command("moderate", "addin.cli.evaluate", "refresh the Moderation sheet from evaluator tabs"),
    Command("score", "addin.cli.evaluate", "compute the weighted result and write Results"),
    Command(
        "letters", "addin.cli.letters", "write the outcome letters (status becomes Standstill)"
    ),
    Command(
        "abandon",
        "addin.cli.letters",
        "decide not to award: status Abandoned, a letter to each bidder",
    ),
    Command("challenge", "addin.cli.award", "record a challenge (award on hold) or its end"),
    Command("award", "addin.cli.award", "record the contract once the standstill has ended"),
    Command("ocds", "addin.cli.award", "the call-off as an OCDS 1.1 release package"),
    Command(
        "report", "addin.cli.report_command", "write the reg. 84 evaluation report (.docx or .md)"
    ),
    Command(
        "register",
        "addin.cli.register",
        "the DPS owner's register of call-offs (workbooks and OCDS files)",
    ),
    Command("demo", "addin.cli.demo", "run the end-to-end demo on a sample competition"),
    Command("template", "addin.cli.template", "rebuild the blank workbook template"),
    Command("addin", "addin.cli.addin_command", "build or install the Excel ribbon add-in"),
    Command("serve", "addin.cli.serve", "serve the CCIN DPS tab as an Office.js add-in"),
)


def help_of(name: str) -> str:
    return next(c.help for c in COMMANDS if c.name == name)


def chosen_command(argv: Sequence[str]) -> str | None:
    """The command named on the line: the first argument that is not one of dps's own options.

    `dps` has only flag options (--debug, --version, --help), so no option takes a value that
    could be mistaken for a command.
    """
    return next((a for a in argv if not a.startswith("-")), None)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], argv: Sequence[str]) -> None:
    """The chosen command's module registers its parsers; the others are listed by name only."""
    chosen = chosen_command(argv)
    module = next((c.module for c in COMMANDS if c.name == chosen), None)
    registered = False
    for command in COMMANDS:
        if command.module != module:
            sub.add_parser(command.name, help=command.help, add_help=False)
        elif not registered:
            importlib.import_module(command.module).register(sub)
            registered = True

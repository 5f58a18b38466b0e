"""dps launch / dps extend — lock the criteria; move the closing date later, with a reason."""

from __future__ import annotations

import argparse

from addin.cli.arguments import add_workbook_arguments, moment, workbook_of
from addin.cli.commands import help_of
from addin.clock import uk_now
from addin.presentation import problem_line
from addin.services.launch import extend, launch


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("launch", help=help_of("launch"))
    add_workbook_arguments(parser)
    parser.add_argument("--officer", required=True, help="who is launching (for the audit trail)")
    parser.set_defaults(run=run_launch)

    parser = sub.add_parser("extend", help=help_of("extend"))
    add_workbook_arguments(parser)
    parser.add_argument("--closing", required=True, type=moment, help='e.g. "2026-12-04 12:00"')
    parser.add_argument("--reason", required=True)
    parser.add_argument("--officer", help="who is extending (default: the competition's officer)")
    parser.set_defaults(run=run_extend)


def run_launch(args: argparse.Namespace) -> int:
    result = launch(workbook_of(args), args.officer, uk_now())
    for warning in result.warnings:
        print(problem_line(warning))
    print(f"Launched {result.path}. {result.summary}.")
    print(f"Fingerprint: {result.fingerprint}")
    print("Record this fingerprint with the invitation (e.g. in the portal's message log).")
    return 0


def run_extend(args: argparse.Namespace) -> int:
    result = extend(workbook_of(args), args.closing, args.reason, args.officer, uk_now())
    print(f"{result.summary}\nNew fingerprint: {result.fingerprint}")
    print("Tell every invited supplier of the new closing date.")
    return 0

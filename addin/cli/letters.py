"""dps letters BOOK --out DIR — one outcome letter per bidder."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from addin.cli.arguments import add_workbook_arguments, workbook_of
from addin.cli.commands import help_of
from addin.clock import uk_now
from addin.services.letters import write_letters


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a date: use YYYY-MM-DD') from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("letters", help=help_of("letters"))
    add_workbook_arguments(parser)
    parser.add_argument("--out", required=True, type=Path, metavar="DIR")
    parser.add_argument("--date", type=_day, help="the date the letters are sent (default today)")
    parser.add_argument("--dry-run", action="store_true", help="list the letters; write nothing")
    parser.add_argument("--pdf", action="store_true", help="also convert to PDF (LibreOffice)")
    parser.add_argument("--force", action="store_true", help="replace letters already issued")
    parser.add_argument(
        "--officer", help="who is issuing them (default: the competition's officer)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    result = write_letters(
        workbook_of(args),
        args.out,
        args.officer,
        uk_now(),
        letter_date=args.date,
        dry_run=args.dry_run,
        pdf=args.pdf,
        force=args.force,
    )
    verb = "Would write" if result.dry_run else "Wrote"
    for path in result.letters:
        print(f"{verb} {path}")
    for path in result.pdfs:
        print(f"Wrote {path}")
    if result.standstill:
        print(f"Standstill ends at {result.standstill}.")
    if result.notice:
        print(f"Award notice for Oldham Council (DPS owner): {result.notice}")
    if not result.dry_run:
        print(f"{result.workbook}: status Awarded; letters recorded on the Letters sheet.")
    return 0

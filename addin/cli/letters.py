"""dps letters BOOK --out DIR — one outcome letter per bidder; dps abandon BOOK --reason TEXT —
the decision not to award, with a letter to each supplier who must be told."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from addin.cli.arguments import add_workbook_arguments, workbook_of
from addin.cli.commands import help_of
from addin.cli.progress import add_quiet_argument, progress
from addin.clock import uk_now
from addin.services.abandon import abandon
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
    add_quiet_argument(parser)
    parser.add_argument(
        "--officer", help="who is issuing them (default: the competition's officer)"
    )
    parser.set_defaults(run=run)
    _register_abandon(sub)


def _register_abandon(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("abandon", help=help_of("abandon"))
    add_workbook_arguments(parser)
    parser.add_argument(
        "--reason", required=True, help="why no contract is awarded (quoted in the letters)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="where the letters go (default: BOOK's folder/letters)",
    )
    parser.add_argument("--date", type=_day, help="the date the letters are sent (default today)")
    parser.add_argument("--officer", help="who decides (default: the competition's officer)")
    parser.set_defaults(run=run_abandon)


def run_abandon(args: argparse.Namespace) -> int:
    out = args.out or args.book.resolve().parent / "letters"
    done = abandon(workbook_of(args), args.reason, out, args.officer, uk_now(), args.date)
    for path in done.letters:
        print(f"Wrote {path}")
    if not done.letters:
        print("No supplier has to be told by letter: no bid was received.")
    print(f"{done.workbook}: status Abandoned; the decision and its reason are in the audit trail.")
    return 0


def run(args: argparse.Namespace) -> int:
    with progress(args, "documents") as on_item:
        result = write_letters(
            workbook_of(args),
            args.out,
            args.officer,
            uk_now(),
            letter_date=args.date,
            dry_run=args.dry_run,
            pdf=args.pdf,
            force=args.force,
            on_item=on_item,
        )
    verb = "Would write" if result.dry_run else "Wrote"
    if result.replaced_unrecorded:
        would = "Would replace" if result.dry_run else "Replaced"
        print(
            f"{would} {len(result.replaced_unrecorded)} letter(s) left by an interrupted run "
            "(the workbook never recorded them)."
        )
    if result.completed and result.letter_date:
        print(
            f"Completing an interrupted run: the workbook records these letters, dated "
            f"{result.letter_date:%d/%m/%Y}, but they were missing from {result.folder}."
        )
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

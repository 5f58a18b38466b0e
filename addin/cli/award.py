"""dps challenge / dps award / dps ocds — the end of the call-off and its open data."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from addin.cli.arguments import add_workbook_arguments, workbook_of
from addin.cli.commands import help_of
from addin.clock import uk_now
from addin.domain.award import AwardTerms
from addin.domain.uk_time import long_date
from addin.services.award import record_award, record_challenge
from addin.services.ocds import PLACEHOLDER_WARNING, write_ocds
from addin.workbook.file_workbook import FileWorkbook


def day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a date: use YYYY-MM-DD') from None


def pounds(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "").removeprefix("£"))
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise argparse.ArgumentTypeError(f'"{text}" is not an amount: use digits, e.g. 52000')
    return value


def _prefix_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ocid-prefix", help="the council's registered OCDS prefix (default: $DPS_OCID_PREFIX)"
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("challenge", help=help_of("challenge"))
    add_workbook_arguments(parser)
    when = parser.add_mutually_exclusive_group(required=True)
    when.add_argument("--received", type=day, metavar="YYYY-MM-DD", help="a claim was received")
    when.add_argument("--resolved", type=day, metavar="YYYY-MM-DD", help="it was resolved")
    parser.add_argument("--details", required=True, help="what the challenge or resolution is")
    parser.add_argument("--officer", help="who records it (default: the competition's officer)")
    parser.set_defaults(run=run_challenge)

    parser = sub.add_parser("award", help=help_of("award"))
    add_workbook_arguments(parser)
    parser.add_argument("--signed", required=True, type=day, metavar="YYYY-MM-DD")
    parser.add_argument("--value-ex-vat", required=True, type=pounds, metavar="N")
    parser.add_argument("--value-inc-vat", required=True, type=pounds, metavar="N")
    parser.add_argument("--start", type=day, metavar="YYYY-MM-DD", help="default: Contract start")
    parser.add_argument("--end", type=day, metavar="YYYY-MM-DD", help="default: Contract end")
    parser.add_argument("--out", type=Path, metavar="DIR", help="default: BOOK's folder")
    parser.add_argument("--officer", help="who records it (default: the competition's officer)")
    _prefix_options(parser)
    parser.set_defaults(run=run_award)

    parser = sub.add_parser("ocds", help=help_of("ocds"))
    parser.add_argument("book", type=Path, metavar="BOOK.xlsx")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.json")
    parser.add_argument("--uri", default="", help="where the package will be published")
    _prefix_options(parser)
    parser.set_defaults(run=run_ocds)


def run_challenge(args: argparse.Namespace) -> int:
    result = record_challenge(
        workbook_of(args),
        args.details,
        args.officer,
        uk_now(),
        received=args.received,
        resolved=args.resolved,
    )
    if result.on_hold:
        print(f"{result.workbook}: challenge recorded; the award is on hold (reg. 95).")
    else:
        print(f"{result.workbook}: challenge resolved; the award may proceed.")
    return 0


def run_award(args: argparse.Namespace) -> int:
    terms = AwardTerms(
        signed=args.signed,
        value_ex_vat=args.value_ex_vat,
        value_inc_vat=args.value_inc_vat,
        start=args.start,
        end=args.end,
    )
    out = args.out or args.book.resolve().parent
    result = record_award(workbook_of(args), terms, out, args.officer, uk_now(), args.ocid_prefix)
    if result.placeholder_prefix:
        print(f"dps award: warning: {PLACEHOLDER_WARNING}", file=sys.stderr)
    print(f"{result.workbook}: status Awarded to {result.record.supplier_name}.")
    print("The council must publish:")
    for duty in result.duties:
        print(f"  {duty.where}: {duty.notice} — due by {long_date(duty.due_by)}")
    print(f"Award record for Oldham Council (DPS owner): {result.notice}")
    print(f"OCDS release package: {result.ocds}")
    return 0


def run_ocds(args: argparse.Namespace) -> int:
    result = write_ocds(
        FileWorkbook(args.book),
        args.out,
        uk_now(),
        args.ocid_prefix,
        args.uri,
    )
    if result.placeholder_prefix:
        print(f"dps ocds: warning: {PLACEHOLDER_WARNING}", file=sys.stderr)
    print(f"Wrote {result.path}: ocid {result.ocid}, tags {', '.join(result.tags)}.")
    return 0

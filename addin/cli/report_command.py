"""dps report BOOK --out report.docx|report.md — the reg. 84 record."""

from __future__ import annotations

import argparse
from pathlib import Path

from addin.cli.commands import help_of
from addin.clock import uk_now
from addin.services.report import write_report
from addin.workbook.read_only import ReadOnlyWorkbook


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("report", help=help_of("report"))
    parser.add_argument("book", type=Path, metavar="BOOK.xlsx")
    parser.add_argument("--out", required=True, type=Path, metavar="REPORT.docx|.md")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print(f"Wrote {write_report(ReadOnlyWorkbook(args.book), args.out, uk_now())}")
    return 0

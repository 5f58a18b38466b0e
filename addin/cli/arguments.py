"""Argument types and options shared by commands, and the workbook adapter they construct."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from addin.domain.cells import parse_moment
from addin.workbook.file_workbook import FileWorkbook

DEFAULT_BACKUPS = 10


def moment(text: str) -> datetime:
    parsed = parse_moment(text)
    if parsed is None:
        raise argparse.ArgumentTypeError(
            f'"{text}" is not a date: use "YYYY-MM-DD HH:MM" or "DD/MM/YYYY HH:MM"'
        )
    return parsed


def _backups(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f'"{text}" is not a whole number of 1 or more')
    return int(text)


def add_workbook_arguments(parser: argparse.ArgumentParser) -> None:
    """BOOK, and the options of every command that changes it."""
    parser.add_argument("book", type=Path, metavar="BOOK.xlsx")
    parser.add_argument("--output", type=Path, help="write a copy instead of changing BOOK")
    parser.add_argument(
        "--keep-backups",
        type=_backups,
        default=DEFAULT_BACKUPS,
        metavar="N",
        help=f"backups of BOOK to keep in backups/ (default {DEFAULT_BACKUPS})",
    )


def workbook_of(args: argparse.Namespace) -> FileWorkbook:
    return FileWorkbook(args.book, args.output, keep_backups=args.keep_backups)

"""Argument types and options shared by commands, and the workbook adapter they construct."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from addin.domain.cells import parse_moment
from addin.workbook.file_workbook import FileWorkbook
from addin.workbook.safe_save import DEFAULT_KEEP_BACKUPS


def moment(text: str) -> datetime:
    parsed = parse_moment(text)
    if parsed is None:
        raise argparse.ArgumentTypeError(
            f'"{text}" is not a date: use "YYYY-MM-DD HH:MM" or "DD/MM/YYYY HH:MM"'
        )
    return parsed


def backup_count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = -1
    if count < 0:
        raise argparse.ArgumentTypeError(f'"{text}" is not a number of backups: use 0, 1, 2…')
    return count


def add_workbook_arguments(
    parser: argparse.ArgumentParser, output_help: str = "write a copy instead of changing BOOK"
) -> None:
    """BOOK, `--output` and `--keep-backups`: the same for every command that changes a workbook."""
    parser.add_argument("book", type=Path, metavar="BOOK.xlsx")
    parser.add_argument("--output", type=Path, metavar="NEW.xlsx", help=output_help)
    parser.add_argument(
        "--keep-backups",
        type=backup_count,
        default=DEFAULT_KEEP_BACKUPS,
        metavar="N",
        help=f"keep the newest N backups of BOOK in backups/ (default {DEFAULT_KEEP_BACKUPS}; "
        "0 keeps them all)",
    )


def workbook_of(args: argparse.Namespace) -> FileWorkbook:
    """The workbook file a command changes, as the services' CompetitionWorkbook port."""
    return FileWorkbook(args.book, args.output, keep_backups=args.keep_backups)

"""Argument types shared by commands."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from addin.domain.cells import parse_moment
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


def add_output_options(
    parser: argparse.ArgumentParser, output_help: str = "write a copy instead of changing BOOK"
) -> None:
    """`--output` and `--keep-backups`, the same for every command that changes a workbook.

    The command passes `args.output` and `args.keep_backups` on to the save
    (addin.workbook.safe_save.save_workbook(..., keep_backups=...)).
    """
    parser.add_argument("--output", type=Path, metavar="NEW.xlsx", help=output_help)
    parser.add_argument(
        "--keep-backups",
        type=backup_count,
        default=DEFAULT_KEEP_BACKUPS,
        metavar="N",
        help=f"keep the newest N backups of BOOK in backups/ (default {DEFAULT_KEEP_BACKUPS}; "
        "0 keeps them all)",
    )

"""Argument types shared by commands."""

from __future__ import annotations

import argparse
from datetime import datetime

from addin.domain.cells import parse_moment


def moment(text: str) -> datetime:
    parsed = parse_moment(text)
    if parsed is None:
        raise argparse.ArgumentTypeError(
            f'"{text}" is not a date: use "YYYY-MM-DD HH:MM" or "DD/MM/YYYY HH:MM"'
        )
    return parsed

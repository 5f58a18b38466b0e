"""dps template [OUT] — rebuild the workbook template from code (maintainers)."""

from __future__ import annotations

import argparse
from pathlib import Path

from addin.cli.commands import help_of
from addin.workbook.template import TEMPLATE_PATH, write_template


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("template", help=help_of("template"))
    parser.add_argument("out", type=Path, nargs="?", default=TEMPLATE_PATH)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print(f"Wrote {write_template(args.out)}")
    return 0

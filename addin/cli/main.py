"""Entry point for `dps`. Exit codes: 0 clean, 1 problems found, 2 usage error or unreadable input."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from addin import __version__
from addin.cli import commands
from addin.errors import DpsError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dps",
        description="Run a mini-competition under the CCIN Consultancy Services DPS from one workbook.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in commands.REGISTRY:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except DpsError as exc:
        # Officers' mistakes and unreadable files end here: one line and a hint, no traceback.
        print(f"dps {args.command}: {exc}", file=sys.stderr)
        for line in exc.details:
            print(line, file=sys.stderr)
        if exc.hint:
            print(f"  → {exc.hint}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())

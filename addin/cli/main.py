"""Entry point for `dps`. Exit codes: 0 clean, 1 problems found, 2 usage error or unreadable input.

An unexpected exception (a bug) is also one line, "internal error — please report it", naming the
command and the file, with exit 2: scripts written against the 0/1/2 contract still see "the
command could not do its work". `dps --debug COMMAND …` prints the traceback as well.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from addin import __version__
from addin.cli import commands
from addin.errors import DpsError, InternalError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dps",
        description="Run a mini-competition under the CCIN Consultancy Services DPS from one workbook.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of an internal error"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in commands.REGISTRY:
        register(sub)
    return parser


def _subject(args: argparse.Namespace) -> str:
    """The file a command was working on, to name it in an internal error."""
    for name in ("book", "paths", "out", "outdir", "path"):
        value = getattr(args, name, None)
        if isinstance(value, (str, Path)):
            return str(value)
        if isinstance(value, list) and value:
            return ", ".join(str(v) for v in value)
    return ""


def _show(command: str, exc: DpsError) -> None:
    print(f"dps {command}: {exc}", file=sys.stderr)
    for line in exc.details:
        print(line, file=sys.stderr)
    if exc.hint:
        print(f"  → {exc.hint}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except DpsError as exc:
        # Officers' mistakes and unreadable files end here: one line and a hint, no traceback.
        _show(args.command, exc)
        if args.debug:
            traceback.print_exc()
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: still one line, unless the traceback is asked for
        _show(args.command, InternalError(f"dps {args.command}", exc, _subject(args)))
        if args.debug:
            traceback.print_exc()
        return InternalError.exit_code
    return code


if __name__ == "__main__":
    sys.exit(main())

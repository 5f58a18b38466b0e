"""Entry point for `dps`. Exit codes: 0 clean, 1 problems found, 2 usage error or unreadable input.

An unexpected exception (a bug) is also one line, "internal error — please report it", naming the
command and the file, with exit 2: scripts written against the 0/1/2 contract still see "the
command could not do its work". `dps --debug COMMAND …` prints the traceback as well.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from addin import __version__
from addin.atomic import write_failed
from addin.cli import commands
from addin.errors import DpsError, InternalError
from addin.presentation import problem_line

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The parser for `argv`: every command listed, the chosen one's arguments in full."""
    parser = argparse.ArgumentParser(
        prog="dps",
        description="Run a mini-competition under the CCIN Consultancy Services DPS from one workbook.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of an internal error"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.register(sub, argv)
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


_CONTROL = dict.fromkeys([*range(0x20), 0x7F])
_CONTROL.pop(ord("\t"))


def _printable(text: str) -> str:
    """Control characters (an officer's "\\x07") shown escaped, not sent to the terminal."""
    return text.translate({c: f"\\x{c:02x}" for c in _CONTROL})


def _show(command: str, exc: DpsError) -> None:
    print(_printable(f"dps {command}: {exc}"), file=sys.stderr)
    for problem in exc.problems:
        print(_printable(problem_line(problem)), file=sys.stderr)
    if exc.hint:
        print(f"  → {exc.hint}", file=sys.stderr)


def _as_dps_error(command: str, exc: Exception, args: argparse.Namespace) -> DpsError:
    """An exception no command turned into a DpsError: named as clearly as we can."""
    if isinstance(exc, OSError) and exc.filename:
        return write_failed(Path(os.fsdecode(exc.filename)), exc)
    if type(exc).__name__ == "IllegalCharacterError":  # openpyxl's; not imported just to check
        return DpsError(
            f"text contains a control character that Excel cannot store ({exc})",
            "Retype the value without control characters and run again.",
        )
    return InternalError(f"dps {command}", exc, _subject(args))


def _print_traceback() -> None:
    import traceback  # only with --debug: loading it costs every command about 5 ms

    traceback.print_exc()


@contextlib.contextmanager
def _imports_set_aside() -> Iterator[None]:
    """Importing a command's modules (the domain's pydantic models above all) makes some 40,000
    objects that live as long as the command: the cyclic collector would walk them again and
    again and free nothing (15-20 ms of `dps validate` on one workbook, ~90 ms on a 60-bid one,
    against 2 and ~40 ms now). So it is paused while they are made, and they are then set aside
    from it (gc.freeze)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


# The young generation collected every 50,000 allocations rather than 700: a command makes
# millions of short-lived, acyclic objects (cells, marks, fractions), and collecting them in
# passes of 700 cost about a tenth of `dps score` on 300 bids. The few cycles (openpyxl's
# cells and sheets) wait a little longer; the command's peak memory did not change.
_COMMAND_THRESHOLDS = (50_000, 20, 10)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    with _imports_set_aside():
        parser = build_parser(argv)  # imports the chosen command's module
    thresholds = gc.get_threshold()
    gc.set_threshold(*_COMMAND_THRESHOLDS)
    try:
        return _run(parser.parse_args(argv))
    finally:
        # For a caller that goes on (the tests): its objects are collectable again, as before.
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _run(args: argparse.Namespace) -> int:
    try:
        code: int = args.run(args)
    except DpsError as exc:
        # Officers' mistakes and unreadable files end here: one line and a hint, no traceback.
        _show(args.command, exc)
        if args.debug:
            _print_traceback()
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # not foreseen (a bug): still one line, unless --debug
        error = _as_dps_error(args.command, exc, args)
        _show(args.command, error)
        if args.debug:
            _print_traceback()
        return error.exit_code
    return code


if __name__ == "__main__":
    sys.exit(main())

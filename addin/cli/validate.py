"""dps validate PATH... — check workbooks without changing them (for officers and CI)."""

from __future__ import annotations

import argparse

from addin.cli import report
from addin.cli.commands import help_of
from addin.cli.progress import add_quiet_argument, progress
from addin.clock import uk_now
from addin.services.validate import PARALLEL_FROM, default_jobs, validate_paths


def _jobs(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(f'"{text}" is not a number of processes: use 1, 2, 3…')
    return count


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "validate",
        help=help_of("validate"),
        description="Check competition workbooks. Exit 0: no errors; 1: errors found (or warnings "
        "with --strict); 2: a file could not be read or the arguments are wrong.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="workbook, folder or glob")
    parser.add_argument("--format", choices=("text", "json", "junit"), default="text")
    parser.add_argument("--strict", action="store_true", help="warnings fail too")
    parser.add_argument(
        "--jobs",
        type=_jobs,
        default=default_jobs(),
        metavar="N",
        help=f"check workbooks in N processes (default: the number of cores, {default_jobs()}); "
        f"fewer than {PARALLEL_FROM} workbooks are checked in one",
    )
    add_quiet_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with progress(args, "workbooks") as on_item:
        reports = validate_paths(
            args.paths,
            uk_now().date(),
            debug=getattr(args, "debug", False),
            jobs=args.jobs,
            on_item=on_item,
        )
    if args.format == "json":
        print(report.as_json(reports))
    elif args.format == "junit":
        print(report.as_junit(reports, strict=args.strict))
    else:
        print(report.as_text(reports))
    if any(r.unreadable for r in reports) or not reports:
        return 2
    failing = any(r.errors or (args.strict and r.warnings) for r in reports)
    return 1 if failing else 0

"""dps addin build [PATH] — assemble the ccin-dps.xlam ribbon add-in from text sources."""

from __future__ import annotations

import argparse
from pathlib import Path

from addin.cli.commands import help_of
from addin.errors import DpsError
from addin.excel.build_addin import AddinBuildError, build_addin


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("addin", help=help_of("addin"))
    actions = parser.add_subparsers(dest="addin_command", required=True, metavar="ACTION")
    build = actions.add_parser("build", help="write ccin-dps.xlam (see README: install)")
    build.add_argument("path", type=Path, nargs="?", default=Path("ccin-dps.xlam"))
    build.set_defaults(run=run_build)


def run_build(args: argparse.Namespace) -> int:
    try:
        out = build_addin(args.path)
    except AddinBuildError as exc:
        raise DpsError(str(exc), "Install the project with its dependencies (make test).") from exc
    print(f"Wrote {out}. Install it as the README's 'Install on Windows/macOS' describes.")
    return 0

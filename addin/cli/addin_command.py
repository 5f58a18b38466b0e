"""dps addin build|install|uninstall — the ccin-dps.xlam ribbon add-in, from text sources."""

from __future__ import annotations

import argparse
from pathlib import Path

from addin.cli.commands import help_of
from addin.errors import DpsError
from addin.excel.build_addin import AddinBuildError, build_addin
from addin.excel.install_addin import install, install_plan, uninstall, what_it_would_do

RESTART = "Restart Excel, then tick CCIN DPS under {menu} (once)."
MENUS = {
    "Windows": "File > Options > Add-ins > Manage: Excel Add-ins > Go…",
    "macOS": "Tools > Excel Add-ins…",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("addin", help=help_of("addin"))
    actions = parser.add_subparsers(dest="addin_command", required=True, metavar="ACTION")
    build = actions.add_parser("build", help="write ccin-dps.xlam (see README: install)")
    build.add_argument("path", type=Path, nargs="?", default=Path("ccin-dps.xlam"))
    build.set_defaults(run=run_build)
    add = actions.add_parser(
        "install", help="build the add-in into Excel's add-ins folder and point it at this Python"
    )
    add.add_argument("--dry-run", action="store_true", help="say what would be written")
    add.set_defaults(run=run_install)
    remove = actions.add_parser("uninstall", help="remove the add-in and its settings file")
    remove.set_defaults(run=run_uninstall)


def run_build(args: argparse.Namespace) -> int:
    try:
        out = build_addin(args.path)
    except AddinBuildError as exc:
        raise DpsError(str(exc), "Install the project with its dependencies (make test).") from exc
    print(f"Wrote {out}. Install it with `dps addin install`, or as the README describes.")
    return 0


def run_install(args: argparse.Namespace) -> int:
    plan = install_plan()
    if plan is None:
        print("\n".join(what_it_would_do()))
        return 1
    if args.dry_run:
        print("\n".join([f"On {plan.system} this would:", *plan.describe()]))
        return 0
    try:
        install(plan)
    except AddinBuildError as exc:
        raise DpsError(str(exc), "Install the project with its dependencies (make test).") from exc
    print("\n".join(["Installed:", *plan.describe(), RESTART.format(menu=MENUS[plan.system])]))
    return 0


def run_uninstall(args: argparse.Namespace) -> int:
    plan = install_plan()
    if plan is None:
        print("Excel add-ins install on Windows or macOS only: nothing to remove here.")
        return 1
    removed = uninstall(plan)
    if not removed:
        print(f"Nothing to remove: neither {plan.addin} nor {plan.conf} exists.")
    for path in removed:
        print(f"Removed {path}")
    return 0

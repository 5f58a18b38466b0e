"""dps new OUT.xlsx --reference REF --lot N — a fresh competition workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from addin.cli.arguments import add_workbook_arguments, workbook_of
from addin.cli.commands import help_of
from addin.clock import uk_now
from addin.services.create import create_competition, invite_required


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("new", help=help_of("new"))
    parser.add_argument("out", type=Path, metavar="OUT.xlsx")
    parser.add_argument("--reference", required=True, help="the competition's reference")
    parser.add_argument("--lot", required=True, type=int, choices=(1, 2))
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    parser.set_defaults(run=run)

    parser = sub.add_parser("invite", help=help_of("invite"))
    add_workbook_arguments(parser)
    parser.set_defaults(run=run_invite)


def run_invite(args: argparse.Namespace) -> int:
    added = invite_required(workbook_of(args), uk_now())
    for member in added:
        print(f"Invited {member.name} ({member.supplier_id})")
    print(f"{len(added)} supplier(s) added to Bids." if added else "Everyone on the lot is listed.")
    return 0


def run(args: argparse.Namespace) -> int:
    out = create_competition(args.out, args.reference, args.lot, force=args.force)
    print(f"Created {out} (reference {args.reference}, Lot {args.lot}).")
    print("Next: paste the DPS members, fill in Competition and Criteria, then `dps validate`.")
    return 0

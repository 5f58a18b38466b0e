"""dps register PATH... [--out register.xlsx] [--format text|json] — the DPS owner's register.

Exit codes as `dps validate`: 0 no errors, 1 errors (an inconsistent record, the maximum
exceeded), 2 a file could not be read or the arguments are wrong.
"""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from pathlib import Path

from addin.cli.commands import help_of
from addin.cli.progress import add_quiet_argument, progress
from addin.clock import uk_now
from addin.domain.register import RegisterSummary, Share
from addin.domain.uk_time import long_date
from addin.presentation import problem_line, where_in_full
from addin.services.register import Register, build_register
from addin.workbook.register_book import call_off_row, write_register


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "register",
        help=help_of("register"),
        description="Add up call-offs against the DPS's £30m maximum and expiry. Exit 0: no "
        "errors; 1: errors found; 2: a file could not be read or the arguments are wrong.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="workbook, .json, folder or glob")
    parser.add_argument("--out", type=Path, metavar="REGISTER.xlsx", help="write the register")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_quiet_argument(parser)
    parser.set_defaults(run=run)


def money(value: Decimal) -> str:
    return f"£{value:,.2f}"


def share_text(share: Share) -> str:
    return f"{share.name}: {share.count} ({money(share.value)}, {share.value_percent} %)"


def summary_lines(s: RegisterSummary) -> list[str]:
    return [
        f"Call-offs: {s.call_offs} listed, {s.awarded} awarded",
        f"Awarded: {money(s.total_ex_vat)} excl. VAT ({money(s.total_inc_vat)} incl. VAT), "
        f"{s.used_percent} % of the {money(s.maximum)} maximum",
        "By lot: " + "; ".join(share_text(x) for x in s.lots),
        "By council: " + "; ".join(share_text(x) for x in s.councils),
        "By supplier: " + "; ".join(share_text(x) for x in s.suppliers),
        f"SME: {s.sme.count_percent} % of call-offs, {s.sme.value_percent} % of value; "
        f"VCSE: {s.vcse.count_percent} % of call-offs, {s.vcse.value_percent} % of value",
        "By quarter: " + "; ".join(f"{q.name}: {q.count} ({money(q.value)})" for q in s.quarters),
        f"Days left until the DPS expires at the end of {long_date(s.expires)}: {s.days_left}",
    ]


def as_text(found: Register) -> str:
    lines = [f"✗ {u.path}: {u.reason}" for u in found.unreadable]
    # Cells in several files (and JSON paths), so named in full rather than compressed.
    lines += [problem_line(p, where_in_full) for p in found.problems]
    return "\n".join([*lines, *summary_lines(found.summary)])


def _plain(value: object) -> object:
    """JSON values: amounts and percentages as numbers, dates as ISO text."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def as_json(found: Register) -> str:
    summary = _plain(found.summary.model_dump())
    payload = {
        "call_offs": [{k: _plain(v) for k, v in call_off_row(c).items()} for c in found.call_offs],
        "summary": summary,
        "problems": [
            {
                "code": p.code,
                "severity": p.severity.value,
                "where": where_in_full(p),
                "message": p.message,
            }
            for p in found.problems
        ],
        "unreadable": [{"path": str(u.path), "reason": u.reason} for u in found.unreadable],
        "files": found.files,
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


def run(args: argparse.Namespace) -> int:
    today = uk_now().date()
    with progress(args, "files") as on_item:
        found = build_register(args.paths, today, on_item)
    print(as_json(found) if args.format == "json" else as_text(found))
    if args.out:
        unreadable = [
            {
                "Code": "FILE_UNREADABLE",
                "Severity": "error",
                "Where": str(u.path),
                "Message": u.reason,
            }
            for u in found.unreadable
        ]
        write_register(args.out, found.call_offs, found.summary, found.problems, unreadable, today)
        if args.format == "text":
            print(f"Wrote {args.out}")
    return found.exit_code

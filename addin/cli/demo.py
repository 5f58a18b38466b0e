"""dps demo [OUTDIR] — the end-to-end demo on a realistic sample competition."""

from __future__ import annotations

import argparse
from pathlib import Path

from addin.cli import report
from addin.cli.commands import help_of
from addin.cli.evaluate import ranking_lines
from addin.clock import uk_now
from addin.demo.run import run_demo


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("demo", help=help_of("demo"))
    parser.add_argument("outdir", type=Path, nargs="?", default=Path("demo_output"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    demo = run_demo(args.outdir, uk_now().date())
    for step in demo.steps:
        print(f"• {step}")
    if demo.validation:
        print(report.as_text([demo.validation]))
    if demo.scores:
        print("\n".join(ranking_lines(demo.scores)))
    print(f"Open {demo.workbook} to see the result.")
    return 1 if demo.validation and demo.validation.errors else 0

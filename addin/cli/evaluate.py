"""dps accept-late / evaluators / moderate / score — after the closing date."""

from __future__ import annotations

import argparse

from addin.cli.arguments import add_workbook_arguments, workbook_of
from addin.cli.commands import help_of
from addin.clock import uk_now
from addin.domain.evaluation import show_points
from addin.domain.outcomes import EvaluationResult
from addin.errors import DpsError
from addin.presentation import problem_line
from addin.services.evaluation import create_evaluator_tabs, moderate, score
from addin.services.late_bids import accept_late_bids


def _common(parser: argparse.ArgumentParser) -> None:
    add_workbook_arguments(parser)
    parser.add_argument("--officer", help="who is acting (default: the competition's officer)")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("accept-late", help=help_of("accept-late"))
    _common(parser)
    parser.add_argument("supplier_id", metavar="SUPPLIER_ID")
    parser.add_argument("--reason", required=True, help="why it is accepted (for the report)")
    parser.set_defaults(run=run_accept_late)
    parser = sub.add_parser("evaluators", help=help_of("evaluators"))
    _common(parser)
    parser.add_argument("--names", required=True, help='comma-separated: "A. Khan, B. Lee"')
    parser.set_defaults(run=run_evaluators)
    parser = sub.add_parser("moderate", help=help_of("moderate"))
    _common(parser)
    parser.set_defaults(run=run_moderate)
    parser = sub.add_parser("score", help=help_of("score"))
    _common(parser)
    parser.add_argument("--tie-break", metavar="SUPPLIER_ID", help="the panel's decision on a tie")
    parser.add_argument(
        "--force", action="store_true", help="score again after letters were issued (with --reason)"
    )
    parser.add_argument("--reason", help="why: the tie-break decision, or scoring again (--force)")
    parser.set_defaults(run=run_score)


def run_accept_late(args: argparse.Namespace) -> int:
    done = accept_late_bids(
        workbook_of(args), [(args.supplier_id, args.reason)], args.officer, uk_now()
    )
    if done.already:
        print(f"{', '.join(done.already)}: the late bid was already accepted; nothing changed.")
        return 0
    print(
        f"Accepted the late bid from {', '.join(done.accepted)}: it will be evaluated, and the "
        f"decision is in the audit trail and the report. Saved {done.path}."
    )
    return 0


def run_evaluators(args: argparse.Namespace) -> int:
    names = [n for n in args.names.split(",") if n.strip()]
    result = create_evaluator_tabs(workbook_of(args), names, args.officer, uk_now())
    if result.added:
        print(f"Added tabs for {', '.join(result.added)}: {result.tasks} rows each.")
    if result.rows_added:
        print(f"Added {result.rows_added} new row(s) to existing tabs; scores kept.")
    print(f"Saved {result.path}. Each evaluator declares any conflict, then scores independently.")
    return 0


def run_moderate(args: argparse.Namespace) -> int:
    saved, flagged = moderate(workbook_of(args), args.officer, uk_now())
    print(f"Moderation sheet refreshed in {saved}: {flagged} row(s) differ by 2 or more points.")
    return 0


def ranking_lines(result: EvaluationResult) -> list[str]:
    head = (
        f"{'Rank':>4}  {'ID':10} {'Supplier':36} {'Quality':>8} {'SV':>6} {'Price':>6} {'Total':>7}"
    )
    lines = [f"{head}  Outcome"]
    for bid in result.bids:
        rank = str(bid.rank) if bid.rank else "–"
        name = bid.supplier_name if len(bid.supplier_name) <= 36 else bid.supplier_name[:35] + "…"
        scores = (
            f"{show_points(bid.quality):>8} {show_points(bid.social_value):>6} "
            f"{show_points(bid.price_points):>6} {show_points(bid.total):>7}"
            if bid.rank
            else " " * 30
        )
        lines.append(f"{rank:>4}  {bid.supplier_id:10} {name:36} {scores}  {bid.outcome.value}")
        if bid.reason and not bid.rank:
            lines.append(f"{'':6}{bid.reason}")
    return lines


def run_score(args: argparse.Namespace) -> int:
    tie_break = None
    if (args.tie_break or args.force) and not (args.reason or "").strip():
        option = "--tie-break" if args.tie_break else "--force"
        raise DpsError(f"{option} needs --reason", 'Add --reason "why", for the audit trail.')
    if args.tie_break:
        tie_break = (args.tie_break, args.reason)
    rescore = args.reason if args.force else None
    outcome = score(workbook_of(args), args.officer, uk_now(), tie_break, rescore)
    for warning in outcome.warnings:
        print(problem_line(warning))
    print("\n".join(ranking_lines(outcome.result)))
    print(f"Saved {outcome.path}: status Evaluated. Next: dps letters.")
    return 0

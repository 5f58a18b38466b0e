"""Table rows for the Moderation and Results sheets, the same for every workbook adapter."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from addin.domain.evaluation import Evaluator, Moderation
from addin.domain.outcomes import SCORED_NOT_RANKED, BidResult, EvaluationResult
from addin.domain.schema import (
    MODERATED_SCORE,
    MODERATION_COLUMNS_AFTER,
    MODERATION_COLUMNS_BEFORE,
    MODERATION_RATIONALE,
)

# Evaluators this far apart on a question must discuss it before a score is agreed.
SPREAD_TO_HIGHLIGHT = 2


# An evaluator who declared a conflict keeps a column (their marks are the record) but it is
# marked so, and their scores do not count towards the spread.
EXCLUDED_SUFFIX = " (excluded: conflict of interest)"


def _columns(evaluators: Sequence[Evaluator]) -> list[str]:
    names: list[str] = []
    for ev in evaluators:
        name = ev.name + (EXCLUDED_SUFFIX if ev.conflict is True else "")
        while name in names or name in (*MODERATION_COLUMNS_BEFORE, *MODERATION_COLUMNS_AFTER):
            name += " (2)"
        names.append(name)
    return names


def _pairs(evaluators: Sequence[Evaluator]) -> list[tuple[str, str]]:
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    for ev in evaluators:
        for mark in ev.marks:
            key = (mark.supplier_id.casefold(), mark.criterion_id.casefold())
            seen.setdefault(key, (mark.supplier_id, mark.criterion_id))
    return list(seen.values())


def moderation_rows(
    evaluators: Sequence[Evaluator], kept: Sequence[Moderation]
) -> tuple[list[str], list[dict[str, object]], list[int]]:
    """Headers, rows, and the indexes of rows whose spread needs discussion."""
    names = _columns(evaluators)
    previous = {(m.supplier_id.casefold(), m.criterion_id.casefold()): m for m in kept}
    rows: list[dict[str, object]] = []
    flagged: list[int] = []
    for supplier, criterion in _pairs(evaluators):
        key = (supplier.casefold(), criterion.casefold())
        row: dict[str, object] = {"Supplier ID": supplier, "Criterion ID": criterion}
        scores: list[Decimal] = []
        for ev, name in zip(evaluators, names, strict=True):
            mark = next(
                (
                    m
                    for m in ev.marks
                    if (m.supplier_id.casefold(), m.criterion_id.casefold()) == key
                ),
                None,
            )
            if mark and mark.score is not None:
                row[name] = float(mark.score)
                if ev.conflict is not True:
                    scores.append(mark.score)
            elif mark:
                row[name] = mark.raw_score or None
        spread = max(scores) - min(scores) if len(scores) > 1 else Decimal(0)
        row["Spread"] = float(spread)
        old = previous.get(key)
        row[MODERATED_SCORE] = (
            (float(old.score) if old.score is not None else old.raw_score or None) if old else None
        )
        row[MODERATION_RATIONALE] = old.rationale if old else None
        if spread >= SPREAD_TO_HIGHLIGHT:
            flagged.append(len(rows))
        rows.append(row)
    headers = [*MODERATION_COLUMNS_BEFORE, *names, *MODERATION_COLUMNS_AFTER]
    return headers, rows, flagged


def _result_row(bid: BidResult) -> dict[str, object]:
    evaluated = bid.rank is not None or bid.outcome in SCORED_NOT_RANKED
    # Stored as full-precision numbers (Excel doubles); the 0.00 format only changes the display.
    return {
        "Rank": bid.rank,
        "Supplier ID": bid.supplier_id,
        "Supplier name": bid.supplier_name,
        "Quality": float(bid.quality) if evaluated else None,
        "Social Value": float(bid.social_value) if evaluated else None,
        "Price": float(bid.price) if bid.price is not None else None,
        "Price points": float(bid.price_points) if evaluated else None,
        "Total": float(bid.total) if bid.rank is not None else None,
        "Outcome": bid.outcome.value,
        "Notes": "; ".join(t for t in (bid.reason, bid.notes) if t),
    }


def _breakdown_rows(result: EvaluationResult) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for bid in result.bids:
        for c in bid.criteria:
            rows.append(
                {
                    "Supplier ID": bid.supplier_id,
                    "Criterion ID": c.criterion_id,
                    "Category": c.category.value,
                    "Weight %": float(c.weight),
                    "Score": float(c.score) if c.score is not None else None,
                    "Max score": c.max_score,
                    "Points": float(c.points),
                    "Source": c.source.value if c.source else None,
                    "Rationale": c.rationale,
                }
            )
    return rows


def results_rows(result: EvaluationResult) -> list[dict[str, object]]:
    return [_result_row(b) for b in result.bids]


def breakdown_rows(result: EvaluationResult) -> list[dict[str, object]]:
    return _breakdown_rows(result)

"""The evaluation criteria: Quality, Social Value and Price, weights totalling exactly 100 %."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from addin.domain.models import Category, Competition, Criterion
from addin.domain.problems import FieldRef, Problem, error, warning
from addin.domain.schema import CRITERIA

HUNDRED = Decimal(100)


def _ref(row: int, column: str) -> FieldRef:
    return FieldRef(table=CRITERIA.name, row=row, column=column)


def _pct(value: Decimal) -> str:
    return f"{value.normalize():f} %"


def check_criteria(criteria: list[Criterion], competition: Competition) -> list[Problem]:
    if not criteria:
        return [
            error(
                "CRITERIA_EMPTY",
                "The Criteria table is empty: add the Quality, Social Value and Price criteria.",
                _ref(0, "ID"),
            )
        ]
    problems = [*_duplicate_ids(criteria), *_price_rows(criteria)]
    problems += _weights(criteria)
    for criterion in criteria:
        problems += _scores(criterion, competition)
    return problems


def _duplicate_ids(criteria: list[Criterion]) -> list[Problem]:
    by_id: dict[str, list[Criterion]] = defaultdict(list)
    for c in criteria:
        if c.id:
            by_id[c.id.casefold()].append(c)
    return [
        error(
            "CRITERION_ID_DUPLICATE",
            f'Criterion ID "{same[0].id}" is used {len(same)} times: IDs must be unique.',
            *(_ref(c.row, "ID") for c in same),
        )
        for same in by_id.values()
        if len(same) > 1
    ]


def _price_rows(criteria: list[Criterion]) -> list[Problem]:
    prices = [c for c in criteria if c.is_price]
    if len(prices) == 1:
        return []
    return [
        error(
            "PRICE_CRITERION_COUNT",
            f"There must be exactly one Price criterion (there are {len(prices)}): price is scored "
            "once, by the price scoring method.",
            *(_ref(c.row, "Category") for c in prices or criteria),
        )
    ]


def _weights(criteria: list[Criterion]) -> list[Problem]:
    problems = []
    for c in criteria:
        if not 0 <= c.weight <= HUNDRED:
            problems.append(
                error(
                    "WEIGHT_OUT_OF_RANGE",
                    f"{c.id}: weight {_pct(c.weight)} must be between 0 and 100.",
                    _ref(c.row, "Weight %"),
                )
            )
    total = sum((c.weight for c in criteria), Decimal(0))
    if total != HUNDRED:
        hint = ""
        if all(0 <= c.weight <= 1 for c in criteria) and total <= 1:
            hint = " They look like fractions: enter 30 for 30 %."
        problems.append(
            error(
                "WEIGHTS_NOT_100",
                f"Weights must total 100 % (now {_pct(total)}).{hint}",
                *(_ref(c.row, "Weight %") for c in criteria),
            )
        )
    by_category: dict[Category, list[Criterion]] = defaultdict(list)
    for c in criteria:
        by_category[c.category].append(c)
    for category, rows in by_category.items():
        subtotal = sum((c.weight for c in rows), Decimal(0))
        if not 0 <= subtotal <= HUNDRED:
            problems.append(
                error(
                    "CATEGORY_WEIGHT_OUT_OF_RANGE",
                    f"{category.value} weights total {_pct(subtotal)}; each category must be "
                    "0–100 %.",
                    *(_ref(c.row, "Weight %") for c in rows),
                )
            )
    return problems


def _scores(c: Criterion, competition: Competition) -> list[Problem]:
    problems = []
    if not c.is_price:
        if c.max_score is None or c.max_score < 1:
            problems.append(
                error(
                    "MAX_SCORE_INVALID",
                    f"{c.id}: Max score must be a whole number of 1 or more (e.g. 5).",
                    _ref(c.row, "Max score"),
                )
            )
        elif competition.score_scale_max and c.max_score != competition.score_scale_max:
            problems.append(
                warning(
                    "MAX_SCORE_NOT_SCALE",
                    f"{c.id}: Max score {c.max_score} differs from the competition's score scale "
                    f"maximum {competition.score_scale_max}. Check this is intended.",
                    _ref(c.row, "Max score"),
                )
            )
    minimum = c.minimum_score
    # 0 on the Price row means "no minimum", as a blank cell does.
    if minimum is not None and minimum != 0 and c.is_price:
        problems.append(
            error(
                "MIN_SCORE_INVALID",
                f"{c.id}: a Price criterion cannot have a minimum score; clear the cell.",
                _ref(c.row, "Minimum score"),
            )
        )
    elif minimum is not None and c.max_score is not None and not 0 <= minimum <= c.max_score:
        problems.append(
            error(
                "MIN_SCORE_INVALID",
                f"{c.id}: Minimum score {minimum} must be between 0 and the Max score "
                f"{c.max_score}.",
                _ref(c.row, "Minimum score"),
            )
        )
    return problems

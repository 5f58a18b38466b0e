"""Would the winner change under the other price method, or with one weight moved 5 points?

Relative-to-lowest price scoring is criticised as non-linear, and weights are judgement calls.
When either decides the award, the officer should know before the letters go, and the report
should say why the published method and weights are right.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction

from addin.domain.evaluation import show_number
from addin.domain.models import Criterion, PriceMethod
from addin.domain.outcomes import Scenario, SensitivityReport
from addin.domain.problems import FieldRef, Problem, warning
from addin.domain.schema import COMPETITION, CRITERIA

__all__ = [
    "WEIGHT_STEP",
    "Scenario",
    "SensitivityReport",
    "Weights",
    "WinnerUnder",
    "analyse_sensitivity",
    "sensitivity_warning",
]

Weights = Mapping[int, Fraction]  # criterion row → weight
# Scoring passes in its own ranking, so this module need not import it (scoring calls us).
WinnerUnder = Callable[[Weights, PriceMethod], str | None]

WEIGHT_STEP = 5
HUNDRED = Fraction(100)


def analyse_sensitivity(
    criteria: Sequence[Criterion],
    method: PriceMethod,
    winner_id: str,
    winner_under: WinnerUnder,
) -> SensitivityReport:
    """Every scenario tried, and for each who would win (None: a tie for first place)."""
    base = {c.row: Fraction(c.weight) for c in criteria}
    other = PriceMethod.LINEAR if method is PriceMethod.LOWEST_PRICE else PriceMethod.LOWEST_PRICE

    def scenario(
        description: str,
        weights: Weights,
        price: PriceMethod,
        moved: str | None = None,
        step: int = 0,
    ) -> None:
        winner = winner_under(weights, price)
        scenarios.append(
            Scenario(
                description=description,
                price_method=price,
                criterion_id=moved,
                step=step,
                weights=tuple((c.id, weights[c.row]) for c in criteria),
                winner_id=winner,
                changes_winner=winner != winner_id,
            )
        )

    scenarios: list[Scenario] = []
    scenario(f"Price scored by {other.value} instead of {method.value}", base, other)
    for criterion in criteria:
        for step in (WEIGHT_STEP, -WEIGHT_STEP):
            moved = max(Fraction(0), base[criterion.row] + step)
            weights = _normalised({**base, criterion.row: moved})
            if moved == base[criterion.row] or weights is None:
                continue
            description = (
                f"{criterion.id} weight {show_number(criterion.weight)} % → "
                f"{show_number(moved)} %, all weights then re-scaled to total 100 %"
            )
            scenario(description, weights, method, criterion.id, step)
    return SensitivityReport(winner_id=winner_id, price_method=method, scenarios=tuple(scenarios))


def _normalised(weights: dict[int, Fraction]) -> dict[int, Fraction] | None:
    total = sum(weights.values(), Fraction(0))
    if total <= 0:
        return None
    return {row: weight * HUNDRED / total for row, weight in weights.items()}


def sensitivity_warning(
    report: SensitivityReport, criteria: Sequence[Criterion], names: Mapping[str, str]
) -> Problem | None:
    """RESULT_SENSITIVE, naming each scenario that changes the winner and who would win."""
    changed = report.changed
    if not changed:
        return None

    def who(supplier_id: str | None) -> str:
        if supplier_id is None:
            return "first place would be tied"
        return f"{names.get(supplier_id, supplier_id)} would win"

    cases = "; ".join(f"{s.description}: {who(s.winner_id)}" for s in changed)
    winner = names.get(report.winner_id, report.winner_id)
    return warning(
        "RESULT_SENSITIVE",
        f"The result depends on how the bids are scored: {winner} wins as published, but "
        f"{len(changed)} of {len(report.scenarios)} what-ifs change the winner. {cases}. The "
        "published method and weights stand (they cannot change after launch); record in the "
        "report why they are right for this contract.",
        *dict.fromkeys(_field(s, criteria) for s in changed),
    )


def _field(scenario: Scenario, criteria: Sequence[Criterion]) -> FieldRef:
    """The setting the scenario varied: a criterion's weight, or the price scoring method."""
    for criterion in criteria:
        if criterion.id == scenario.criterion_id:
            return FieldRef(table=CRITERIA.name, row=criterion.row, column="Weight %")
    return FieldRef(table=COMPETITION.name, row="Price scoring method", column="Value")

"""The result as recorded when the competition was scored: what letters and the report tell."""

from __future__ import annotations

from addin.domain.outcomes import EvaluationResult
from addin.domain.scoring import evaluate
from addin.domain.seal import results_fingerprint
from addin.domain.tabulate import results_rows
from addin.errors import ActionRefused
from addin.services.integrity import recorded_tie_break
from addin.services.loading import LoadedCompetition


def recorded_result(action: str, loaded: LoadedCompetition) -> EvaluationResult:
    """The result as recorded at scoring: inputs unchanged since (the seal) and the same ranking.

    Call after `require_untampered`, which proves the inputs still match the seal. Without the
    sensitivity what-ifs: they were shown when scoring, and no later step tells them.
    """
    evaluators, moderation = loaded.evaluation
    tie_break = recorded_tie_break(loaded)
    result = evaluate(loaded.file, evaluators, moderation, tie_break, what_ifs=False)
    stored = loaded.seal
    if not result.awardable:
        raise ActionRefused(
            action, "the evaluation has no single winner or has errors: run `dps score` first"
        )
    if stored is None or (
        stored.winner != (result.winner_id or "")
        or stored.results != results_fingerprint(results_rows(result))
    ):
        raise ActionRefused(
            action,
            "the result worked out now differs from the one recorded when the competition was "
            "scored (Results sheet); score again (dps score) and check the ranking first",
        )
    return result

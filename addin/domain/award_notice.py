"""The note that tells the DPS owner (Oldham Council) of an award: "Let Oldham know!"."""

from __future__ import annotations

from datetime import date

from addin.domain.dps import CCIN_DPS
from addin.domain.evaluation import show_money, show_points
from addin.domain.models import CompetitionFile
from addin.domain.outcomes import EvaluationResult


def award_notice(
    file: CompetitionFile, result: EvaluationResult, sent: date, standstill: str
) -> str:
    c = file.competition
    winner = result.winner
    lot = CCIN_DPS.lot(c.lot or 0)
    bids = sum(1 for b in file.bids if b.received)
    lines = [
        f"To: {CCIN_DPS.contact}",
        f"Subject: Call-off award under the {CCIN_DPS.name} – {c.reference}",
        "",
        f"{c.authority} has awarded a call-off contract under the DPS:",
        "",
        f"Reference: {c.reference}",
        f"Title: {c.title}",
        f"Lot: {lot.label if lot else c.lot}",
        f"Winning supplier: {winner.supplier_name} ({winner.supplier_id})" if winner else "",
        f"Winning price: {show_money(winner.price)}" if winner and winner.price else "",
        f"Winning total score: {show_points(winner.total)} of 100" if winner else "",
        f"Estimated value: {show_money(c.estimated_value)}" if c.estimated_value else "",
        f"Contract period: {c.contract_start:%d/%m/%Y} to {c.contract_end:%d/%m/%Y}"
        if c.contract_start and c.contract_end
        else "",
        f"Bids received: {bids}",
        f"Outcome letters sent: {sent:%d/%m/%Y}",
        f"Standstill ends: {standstill}" if standstill else "Standstill: none",
        "",
        f"Contact: {c.officer_name}, {c.officer_email}",
    ]
    return "\n".join(line for i, line in enumerate(lines) if line or lines[i - 1])

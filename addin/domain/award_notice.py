"""The note that tells the DPS owner (Oldham Council) of an intended award: "Let Oldham know!".

It goes out with the outcome letters, before the standstill has run, so it says the authority
*intends* to award: the contract is concluded only after the standstill ends and only if no
claim has been issued (reg. 95). The award itself, with its contract date and value, is
recorded by the award step later.
"""

from __future__ import annotations

from datetime import date, datetime

from addin.domain.dps import CCIN_DPS
from addin.domain.evaluation import show_money, show_points
from addin.domain.models import CompetitionFile
from addin.domain.outcomes import EvaluationResult
from addin.domain.standstill import describe_standstill_end
from addin.domain.uk_time import long_date


def award_notice(
    file: CompetitionFile, result: EvaluationResult, sent: date, standstill_end: datetime | None
) -> str:
    c = file.competition
    winner = result.winner
    lot = CCIN_DPS.lot(c.lot or 0)
    bids = sum(1 for b in file.bids if b.received)
    invited = sum(1 for b in file.bids if b.invited)
    if standstill_end is not None:
        when = (
            f"{c.authority} intends to award a call-off contract under the DPS once the "
            f"voluntary standstill period has ended at {describe_standstill_end(standstill_end)}"
            ", provided no claim has been issued. It has not yet been awarded; we will tell "
            "you when it is, with the contract date and the value awarded."
        )
    else:
        when = (
            f"{c.authority} intends to award a call-off contract under the DPS. No standstill "
            "period applies. We will tell you when it is awarded, with the contract date and "
            "the value awarded."
        )
    lines = [
        f"To: {CCIN_DPS.contact}",
        f"Subject: Intended call-off award under the {CCIN_DPS.name} – {c.reference}",
        "",
        when,
        "",
        f"Reference: {c.reference}",
        f"Title: {c.title}",
        f"Lot: {lot.label if lot else c.lot}",
        f"Intended supplier: {winner.supplier_name} ({winner.supplier_id})" if winner else "",
        f"Winning price: {show_money(winner.price)}" if winner and winner.price else "",
        f"Winning total score: {show_points(winner.total)} of 100" if winner else "",
        f"Estimated value: {show_money(c.estimated_value)}" if c.estimated_value else "",
        f"Contract period: {long_date(c.contract_start)} to {long_date(c.contract_end)}"
        if c.contract_start and c.contract_end
        else "",
        f"Suppliers invited: {invited}",
        f"Bids received: {bids}",
        f"Outcome letters sent: {long_date(sent)}",
        f"Standstill ends: {describe_standstill_end(standstill_end)}"
        if standstill_end
        else "Standstill: none",
        "",
        f"Contact: {c.officer_name}, {c.officer_email}",
    ]
    return "\n".join(line for i, line in enumerate(lines) if line or lines[i - 1])

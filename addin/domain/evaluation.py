"""The evaluators' input, and which bids are evaluated at all (PCR 2015 regs 34 and 69).

A bid is evaluated only when its supplier was invited, it arrived by the closing time and it
was judged compliant; every other bid gets a precise reason for the report and its letter.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from pydantic import BaseModel, ConfigDict

from addin.domain.models import Bid, Competition, CompetitionFile, Criterion
from addin.domain.problems import FieldRef, Problem, error, warning
from addin.domain.schema import BIDS
from addin.domain.uk_time import long_date


class _Input(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class Mark(_Input):
    """One row of an evaluator's tab: their independent score for a bid on a criterion."""

    evaluator: str
    table: str
    row: int
    supplier_id: str
    criterion_id: str
    score: Decimal | None
    # The cell as typed, so "abc" or "4/5" can be quoted back to the officer.
    raw_score: str = ""
    rationale: str = ""


class Evaluator(_Input):
    name: str
    table: str
    conflict: bool | None
    conflict_date: date | None = None
    marks: tuple[Mark, ...] = ()
    conflict_field: FieldRef | None = None


class Moderation(_Input):
    """One row of tblModeration: the consensus score agreed after the evaluators disagreed."""

    row: int
    supplier_id: str
    criterion_id: str
    score: Decimal | None
    raw_score: str = ""
    rationale: str = ""


def _decimal(value: Fraction | Decimal | int, places: str) -> Decimal:
    exact = Fraction(value)
    quotient = Decimal(exact.numerator) / Decimal(exact.denominator)
    return quotient.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def show_number(value: Fraction | Decimal | int) -> str:
    """A score or weight as officers write it: 4, 2.5, 3.33 (at most 2 decimal places)."""
    text = f"{_decimal(value, '0.01'):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def show_points(value: Fraction | Decimal | int) -> str:
    """Points always with 2 decimal places, so a column of totals lines up: 85.60."""
    return f"{_decimal(value, '0.01'):f}"


def show_money(value: Decimal) -> str:
    return f"£{value:,.2f}".removesuffix(".00")


def key(text: str) -> str:
    """IDs typed on different sheets match whatever their case or stray spaces."""
    return text.strip().casefold()


def bidder(bid: Bid) -> str:
    return f"{bid.supplier_name} ({bid.supplier_id})" if bid.supplier_name else bid.supplier_id


def criterion_label(criterion: Criterion) -> str:
    return f"{criterion.id} ({criterion.text})" if criterion.text else criterion.id


def bid_ref(bid: Bid, column: str) -> FieldRef:
    return FieldRef(table=BIDS.name, row=bid.row, column=column)


def not_evaluated_reason(bid: Bid, competition: Competition) -> str | None:
    """Why the bid is not evaluated, in words fit for its letter; None when it is evaluated."""
    if not bid.invited:
        return "Supplier was not invited"
    if not bid.received:
        return "No bid received"
    closing, at = competition.closing_date, bid.received_at
    if closing is not None and at is not None and _late(bid, competition):
        return (
            f"Bid received at {clock(at)} on {long_date(at.date())} (UK time), "
            f"{how_long(at - closing)} after the {clock(closing)} closing time on "
            f"{long_date(closing.date())}"
        )
    if closing is not None and at is not None and _time_missing(bid, competition):
        return (
            f"Bid received on the closing day, {long_date(at.date())}, with no time recorded, "
            "so it cannot be shown to be on time"
        )
    if bid.compliant is None:
        return "Compliance not recorded"
    if not bid.compliant:
        return f"Bid judged non-compliant: {bid.notes}" if bid.notes else "Bid judged non-compliant"
    return None


def clock(moment: datetime) -> str:
    """12:00, or 12:00:30 when the time has seconds (a bid 30 seconds late must show them)."""
    return f"{moment:%H:%M:%S}" if moment.second else f"{moment:%H:%M}"


def how_long(span: timedelta) -> str:
    """An exact span in words: "30 seconds", "1 day, 2 hours and 5 minutes"."""
    seconds = int(span.total_seconds())
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, seconds = divmod(rest, 60)
    units = (("day", days), ("hour", hours), ("minute", minutes), ("second", seconds))
    parts = [f"{n} {unit}{'' if n == 1 else 's'}" for unit, n in units if n]
    if not parts:
        return "0 seconds"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def evaluation_reason(bid: Bid, file: CompetitionFile) -> str | None:
    """Why the bid is not evaluated, honouring a recorded decision to accept it late."""
    competition = file.competition
    if file.late_bid_accepted(bid.supplier_id) is not None:
        # Accepted late (dps accept-late): judged as if on time, on invitation, receipt and
        # compliance only.
        competition = competition.model_copy(update={"closing_date": None})
    return not_evaluated_reason(bid, competition)


def is_late(bid: Bid, competition: Competition) -> bool:
    """Received after the closing time (an unknown time is not late)."""
    return _late(bid, competition)


def _late(bid: Bid, competition: Competition) -> bool:
    """Late to the second. An unknown time is not late: RECEIVED_AT_MISSING asks for it; a date
    with no time is late only on a later day (RECEIVED_AT_TIME_MISSING asks on the closing day)."""
    closing, at = competition.closing_date, bid.received_at
    if closing is None or at is None:
        return False
    if not bid.received_time_known:
        return at.date() > closing.date()
    return at > closing


def _time_missing(bid: Bid, competition: Competition) -> bool:
    """Received on the closing day with a date but no time: its time decides whether on time."""
    closing, at = competition.closing_date, bid.received_at
    return (
        closing is not None
        and at is not None
        and not bid.received_time_known
        and at.date() == closing.date()
    )


def evaluable_bids(file: CompetitionFile) -> list[Bid]:
    return [b for b in file.bids if evaluation_reason(b, file) is None]


def check_conflicts(evaluators: Sequence[Evaluator]) -> list[Problem]:
    """Every evaluator must declare a conflict of interest, Yes or No (reg. 24 and 84)."""
    problems = []
    for ev in evaluators:
        where = (ev.conflict_field,) if ev.conflict_field else ()
        if ev.conflict is True:
            on = f" on {ev.conflict_date:%d/%m/%Y}" if ev.conflict_date else ""
            # Their tab and marks stay as the record (reg. 84); they are just not used.
            problems.append(
                warning(
                    "CONFLICT_OF_INTEREST",
                    f"{ev.name} declared a conflict of interest{on}, so they are excluded from "
                    "scoring: their tab and marks are kept as the record but not used. Keep "
                    "the tab; the Declarations sheet records the measures taken.",
                    *where,
                )
            )
        elif ev.conflict is None:
            problems.append(
                error(
                    "CONFLICT_NOT_DECLARED",
                    f"{ev.name} has not declared whether they have a conflict of interest with "
                    "any bidder: they must answer Yes or No on their tab before the evaluation "
                    "can be completed.",
                    *where,
                )
            )
    return problems


def check_bids(file: CompetitionFile) -> list[Problem]:
    """What the Bids table must record before the evaluation can be relied on."""
    problems = []
    for bid in file.bids:
        if not (bid.invited and bid.received):
            continue
        if bid.received_at is None:
            problems.append(
                error(
                    "RECEIVED_AT_MISSING",
                    f"{bidder(bid)}: the bid is marked received but Received at is blank. Enter "
                    "the date and time it arrived, so a late bid can be told from one on time.",
                    bid_ref(bid, "Received at"),
                )
            )
        elif _time_missing(bid, file.competition):
            closing = file.competition.closing_date
            assert closing is not None and bid.received_at is not None
            problems.append(
                error(
                    "RECEIVED_AT_TIME_MISSING",
                    f"{bidder(bid)}: Received at gives the date "
                    f"({long_date(bid.received_at.date())}) but no time. The bid arrived on the "
                    f"closing day, so its time decides whether it was on time (closing "
                    f"{closing:%H:%M}): enter the time it arrived, as dd/mm/yyyy hh:mm in UK "
                    "time.",
                    bid_ref(bid, "Received at"),
                )
            )
            continue
        if _late(bid, file.competition) and file.late_bid_accepted(bid.supplier_id) is None:
            continue
        if bid.compliant is False and not bid.notes:
            problems.append(
                error(
                    "COMPLIANCE_REASON_MISSING",
                    f"{bidder(bid)}: the bid is marked non-compliant but Notes is blank. Write "
                    "the specific requirement it failed: its letter must give the reason.",
                    bid_ref(bid, "Notes"),
                )
            )
        if bid.compliant is None:
            problems.append(
                error(
                    "COMPLIANCE_NOT_RECORDED",
                    f"{bidder(bid)}: Compliant is blank. Record Yes or No after checking the bid "
                    "against the invitation's requirements; only compliant bids are scored.",
                    bid_ref(bid, "Compliant"),
                )
            )
        elif bid.compliant:
            problems += _check_price(bid)
    return problems


def _check_price(bid: Bid) -> list[Problem]:
    if bid.price is None:
        return [
            error(
                "PRICE_MISSING",
                f"{bidder(bid)}: the bid is evaluated but has no Price. Enter the total price "
                "from the bid's pricing schedule.",
                bid_ref(bid, "Price"),
            )
        ]
    if bid.price <= 0:
        return [
            error(
                "PRICE_NOT_POSITIVE",
                f"{bidder(bid)}: Price {show_money(bid.price)} must be more than £0; the price "
                "score divides by it. Check the pricing schedule.",
                bid_ref(bid, "Price"),
            )
        ]
    return []

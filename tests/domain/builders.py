"""Competitions and evaluators built in code: "3 bidders, 2 evaluators, price weight 40 %".

The standard competition (see `standard`) is the one most tests start from:

    Criteria   Q1 Understanding of the brief   Quality       30 %  out of 5
               Q2 Approach to co-design        Quality       20 %  out of 5, minimum 2
               SV1 Local social value          Social Value  10 %  out of 5
               P1 Total price                  Price         40 %
    Bids       S1 Acme Consulting Ltd   £40,000   scores Q1 4, Q2 4, SV1 3
               S2 Beta Partners LLP     £50,000   scores Q1 5, Q2 5, SV1 5
               S3 Civic Insight CIC     £36,000   scores Q1 3, Q2 2, SV1 2
    Evaluators Alice Ward (tblEval1) and Bob Singh (tblEval2), agreeing on every score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from hypothesis import strategies as st

from addin.domain.evaluation import Evaluator, Mark, Moderation
from addin.domain.models import (
    Bid,
    Category,
    Competition,
    CompetitionFile,
    Criterion,
    Member,
    MemberStatus,
    ModerationMethod,
    PriceMethod,
)
from addin.domain.problems import FieldRef

CLOSING = datetime(2026, 3, 12, 12, 0)
ON_TIME = datetime(2026, 3, 11, 9, 30)
NAMES = {
    "S1": "Acme Consulting Ltd",
    "S2": "Beta Partners LLP",
    "S3": "Civic Insight CIC",
    "S4": "Delta Research Ltd",
    "S5": "Eden Co-operative",
    "S6": "Fenwick Policy Ltd",
}
EVALUATORS = ("Alice Ward", "Bob Singh", "Carol Jones")

# supplier ID → criterion ID → the score as typed (int, Decimal, text, or None for blank)
Scores = Mapping[str, Mapping[str, object]]

STANDARD_SCORES: Scores = {
    "S1": {"Q1": 4, "Q2": 4, "SV1": 3},
    "S2": {"Q1": 5, "Q2": 5, "SV1": 5},
    "S3": {"Q1": 3, "Q2": 2, "SV1": 2},
}
STANDARD_PRICES = {"S1": 40000, "S2": 50000, "S3": 36000}


def criterion(
    row: int,
    id_: str,
    category: Category,
    weight: object,
    max_score: int | None = 5,
    minimum: object = None,
    text: str = "",
) -> Criterion:
    return Criterion(
        row=row,
        id=id_,
        category=category,
        text=text or f"Criterion {id_}",
        weight=Decimal(str(weight)),
        max_score=None if category is Category.PRICE else max_score,
        minimum_score=None if minimum is None else Decimal(str(minimum)),
    )


def standard_criteria(
    q1: object = 30, q2: object = 20, sv1: object = 10, price: object = 40
) -> tuple[Criterion, ...]:
    return (
        criterion(0, "Q1", Category.QUALITY, q1, text="Understanding of the brief"),
        criterion(1, "Q2", Category.QUALITY, q2, minimum=2, text="Approach to co-design"),
        criterion(2, "SV1", Category.SOCIAL_VALUE, sv1, text="Local social value"),
        criterion(3, "P1", Category.PRICE, price, text="Total price"),
    )


def bid(
    row: int,
    supplier_id: str,
    price: object,
    *,
    invited: bool = True,
    received: bool = True,
    received_at: datetime | None = ON_TIME,
    compliant: bool | None = True,
    notes: str = "",
) -> Bid:
    return Bid(
        row=row,
        supplier_id=supplier_id,
        supplier_name=NAMES.get(supplier_id, supplier_id),
        invited=invited,
        received=received,
        received_at=received_at if received else None,
        price=None if price is None else Decimal(str(price)),
        compliant=compliant if received else None,
        notes=notes,
    )


def bids_at(prices: Mapping[str, object]) -> tuple[Bid, ...]:
    """One on-time, compliant bid per supplier, rows in the order given."""
    return tuple(bid(i, sid, price) for i, (sid, price) in enumerate(prices.items()))


def competition_file(
    bids: Iterable[Bid],
    criteria: Sequence[Criterion] | None = None,
    *,
    price_method: PriceMethod = PriceMethod.LOWEST_PRICE,
    moderation_method: ModerationMethod = ModerationMethod.CONSENSUS,
) -> CompetitionFile:
    bids = tuple(bids)
    members = tuple(
        Member(
            row=i,
            supplier_id=b.supplier_id,
            name=NAMES.get(b.supplier_id, b.supplier_id),
            lot_1=True,
            status=MemberStatus.ACTIVE,
            admitted_on=date(2021, 1, 4),
        )
        for i, b in enumerate(bids)
    )
    return CompetitionFile(
        competition=Competition(
            reference="CCIN-2026-014",
            title="Co-designing neighbourhood services",
            lot=1,
            invitation_date=date(2026, 2, 20),
            closing_date=CLOSING,
            price_method=price_method,
            moderation_method=moderation_method,
            score_scale_max=5,
        ),
        criteria=tuple(standard_criteria() if criteria is None else criteria),
        members=members,
        bids=bids,
    )


def _typed(value: object) -> tuple[Decimal | None, str]:
    """(score, raw text) as the workbook adapter would read the cell."""
    if value is None:
        return None, ""
    raw = str(value)
    try:
        number = Decimal(raw)
    except InvalidOperation:
        return None, raw
    return (number, raw) if number.is_finite() else (None, raw)


def default_rationale(evaluator: str, supplier_id: str, criterion_id: str) -> str:
    return f"{evaluator}: evidence for {supplier_id} on {criterion_id}"


def evaluator(
    name: str,
    scores: Scores,
    *,
    table: str | None = None,
    conflict: bool | None = False,
    conflict_date: date | None = None,
    rationales: Mapping[tuple[str, str], str] | None = None,
) -> Evaluator:
    """An evaluator's tab: one row per (supplier, criterion) in the order given, from row 0."""
    table = table or f"tblEval{EVALUATORS.index(name) + 1 if name in EVALUATORS else 9}"
    rationales = rationales or {}
    marks = []
    for sid, by_criterion in scores.items():
        for cid, value in by_criterion.items():
            score, raw = _typed(value)
            marks.append(
                Mark(
                    evaluator=name,
                    table=table,
                    row=len(marks),
                    supplier_id=sid,
                    criterion_id=cid,
                    score=score,
                    raw_score=raw,
                    rationale=rationales.get((sid, cid), default_rationale(name, sid, cid)),
                )
            )
    return Evaluator(
        name=name,
        table=table,
        conflict=conflict,
        conflict_date=conflict_date,
        marks=tuple(marks),
        conflict_field=FieldRef(table=table, row="Conflict of interest", column="Value"),
    )


def panel(scores: Scores, size: int = 2) -> list[Evaluator]:
    """`size` evaluators who all gave the same scores."""
    return [evaluator(name, scores) for name in EVALUATORS[:size]]


def with_score(scores: Scores, supplier_id: str, criterion_id: str, value: object) -> Scores:
    """A copy of `scores` with one score changed."""
    changed = {sid: dict(row) for sid, row in scores.items()}
    changed[supplier_id][criterion_id] = value
    return changed


def moderated(
    row: int, supplier_id: str, criterion_id: str, value: object, rationale: str = ""
) -> Moderation:
    score, raw = _typed(value)
    return Moderation(
        row=row,
        supplier_id=supplier_id,
        criterion_id=criterion_id,
        score=score,
        raw_score=raw,
        rationale=rationale,
    )


def standard(
    *, price_method: PriceMethod = PriceMethod.LOWEST_PRICE, evaluators: int = 2
) -> tuple[CompetitionFile, list[Evaluator]]:
    """A competition with 3 bidders, 2 evaluators, price weight 40 % (see the module doc)."""
    file = competition_file(bids_at(STANDARD_PRICES), price_method=price_method)
    return file, panel(STANDARD_SCORES, evaluators)


def row_of(ev: Evaluator, supplier_id: str, criterion_id: str) -> int:
    return next(
        m.row for m in ev.marks if (m.supplier_id, m.criterion_id) == (supplier_id, criterion_id)
    )


# Random competitions for the property tests: Average moderation, so any scores are settled.
@st.composite
def competitions(
    draw: st.DrawFn, bidders: tuple[int, int] = (1, 5), prices: tuple[int, int] = (1, 200_000)
) -> tuple[CompetitionFile, list[Evaluator]]:
    """1–3 scored criteria and a price row, weights in tenths totalling 100; 1–5 bidders."""
    scored = draw(st.integers(1, 3))
    cuts = sorted(draw(st.lists(st.integers(0, 1000), min_size=scored, max_size=scored)))
    tenths = [b - a for a, b in zip([0, *cuts], [*cuts, 1000], strict=True)]
    weights = [Decimal(t) / 10 for t in tenths]
    criteria = [
        criterion(
            i,
            f"C{i}",
            draw(st.sampled_from([Category.QUALITY, Category.SOCIAL_VALUE])),
            weights[i],
            max_score=draw(st.sampled_from([4, 5, 10])),
            minimum=draw(st.none() | st.integers(0, 2)),
        )
        for i in range(scored)
    ]
    criteria.append(criterion(scored, "P1", Category.PRICE, weights[-1]))
    low, high = bidders
    bid_prices = draw(st.lists(st.integers(*prices), min_size=low, max_size=high))
    file = competition_file(
        [bid(i, f"S{i + 1}", p) for i, p in enumerate(bid_prices)],
        criteria,
        price_method=draw(st.sampled_from(PriceMethod)),
        moderation_method=ModerationMethod.AVERAGE,
    )
    evaluators = [
        evaluator(
            name,
            {
                b.supplier_id: {
                    c.id: draw(st.integers(0, c.max_score or 0)) for c in criteria if not c.is_price
                }
                for b in file.bids
            },
        )
        for name in EVALUATORS[: draw(st.integers(1, 3))]
    ]
    return file, evaluators

"""Property: any single change to any locked value is detected; nothing else is."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from addin.domain.lock import changes_since_launch, fingerprint, locked_values
from addin.domain.models import Category, Competition, CompetitionFile, Criterion, PriceMethod


def sample_file() -> CompetitionFile:
    questions = tuple(
        Criterion(
            row=i,
            id=f"Q{i + 1}",
            category=Category.QUALITY,
            text=f"Question {i + 1}",
            weight=Decimal(20),
            max_score=5,
            minimum_score=Decimal(2),
            guidance="g",
        )
        for i in range(3)
    )
    price = Criterion(row=3, id="P1", category=Category.PRICE, text="Price", weight=Decimal(40))
    criteria = (*questions, price)
    competition = Competition(lot=1, closing_date=datetime(2026, 11, 11, 12), score_scale_max=5)
    return CompetitionFile(competition=competition, criteria=criteria)


CRITERION_CHANGES = {
    "id": st.text(min_size=1, max_size=5).map(str.strip).filter(bool),
    "category": st.sampled_from(list(Category)),
    "text": st.text(min_size=1, max_size=20).map(str.strip).filter(bool),
    "weight": st.decimals(0, 100, places=2),
    "max_score": st.integers(1, 10),
    "minimum_score": st.one_of(st.none(), st.decimals(0, 5, places=1)),
    "guidance": st.text(max_size=20).map(str.strip),
}


@settings(max_examples=200, deadline=None)
@given(
    index=st.integers(0, 3),
    field=st.sampled_from(sorted(CRITERION_CHANGES)),
    data=st.data(),
)
def test_any_single_criterion_change_is_detected(
    index: int, field: str, data: st.DataObject
) -> None:
    original = sample_file()
    criterion = original.criteria[index]
    new_value = data.draw(CRITERION_CHANGES[field])
    changed_criterion = criterion.model_copy(update={field: new_value})
    changed = original.model_copy(
        update={
            "criteria": tuple(changed_criterion if c is criterion else c for c in original.criteria)
        }
    )
    old_value = getattr(criterion, field)
    assume(old_value != new_value)  # Decimal("20") == Decimal("20.00"): not a change
    changes = changes_since_launch(locked_values(original), locked_values(changed))
    column = {
        "id": "ID",
        "category": "Category",
        "text": "Criterion",
        "weight": "Weight %",
        "max_score": "Max score",
        "minimum_score": "Minimum score",
        "guidance": "Guidance",
    }
    assert [c.item for c in changes] == [f"Criterion {index + 1} {column[field]}"]
    assert fingerprint(locked_values(original)) != fingerprint(locked_values(changed))


@settings(max_examples=100, deadline=None)
@given(
    lot=st.integers(1, 2),
    closing=st.datetimes(datetime(2026, 11, 1), datetime(2027, 1, 1)).map(
        lambda d: d.replace(second=0, microsecond=0)
    ),
    method=st.sampled_from(list(PriceMethod)),
    scale=st.integers(1, 10),
)
def test_competition_level_changes_are_detected(
    lot: int, closing: datetime, method: PriceMethod, scale: int
) -> None:
    original = sample_file()
    c = original.competition
    changed = original.model_copy(
        update={
            "competition": c.model_copy(
                update={
                    "lot": lot,
                    "closing_date": closing,
                    "price_method": method,
                    "score_scale_max": scale,
                }
            )
        }
    )
    changes = {
        ch.item for ch in changes_since_launch(locked_values(original), locked_values(changed))
    }
    expected = {
        name
        for name, same in (
            ("Lot", lot == c.lot),
            ("Closing date", closing == c.closing_date),
            ("Price scoring method", method == c.price_method),
            ("Score scale maximum", scale == c.score_scale_max),
        )
        if not same
    }
    assert changes == expected


@settings(max_examples=50, deadline=None)
@given(order=st.permutations(range(4)))
def test_reordering_rows_is_detected_unless_it_is_the_same_order(order: list[int]) -> None:
    original = sample_file()
    shuffled = original.model_copy(update={"criteria": tuple(original.criteria[i] for i in order)})
    changes = changes_since_launch(locked_values(original), locked_values(shuffled))
    assert bool(changes) == (list(order) != [0, 1, 2, 3])


def test_trailing_zeros_and_spaces_are_not_changes() -> None:
    original = sample_file()
    first = original.criteria[0]
    same = first.model_copy(update={"weight": Decimal("20.00")})
    resaved = original.model_copy(update={"criteria": (same, *original.criteria[1:])})
    assert changes_since_launch(locked_values(original), locked_values(resaved)) == []

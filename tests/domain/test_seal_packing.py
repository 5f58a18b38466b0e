"""The Seal's values are packed as JSON lines, a few thousand to a row; a Seal written one row per
value (scored before packing) still verifies; a packed row edited by hand is RESULT_SEAL_ALTERED."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from addin.domain.lock import LockedValue
from addin.domain.seal import PACKED_CHARS, packed, read_seal_rows, seal, seal_problems

AWKWARD = [
    LockedValue(item="Evaluator A S1 Q1 Rationale", value="Strong plan.\nClear\tmilestones."),
    LockedValue(item="Evaluator A S1 Q1 Score", value="4"),
    LockedValue(item="Evaluator B S1 Q1 Rationale", value='=SUM(A1) "quoted" 🙂 ünïcode'),
    LockedValue(item="Evaluator B S1 Q2 Rationale", value="x" * (PACKED_CHARS + 10)),
    LockedValue(item="Tie-break decision", value=""),
]


def test_values_round_trip_through_packed_rows() -> None:
    sealed = seal(AWKWARD, "S1", "results-fingerprint")
    rows = sealed.rows()
    assert [r["Item"] for r in rows[3:]] == ["Sealed values 1 of 2", "Sealed values 2 of 2"]
    assert all(len(str(r["Value"])) <= PACKED_CHARS for r in rows)
    read = read_seal_rows(rows)
    assert [(v.item, v.value) for v in read.values] == [(v.item, v.value) for v in AWKWARD]
    assert seal_problems(read, AWKWARD, scored_in_audit=True) == []


def test_a_seal_written_one_row_per_value_still_verifies() -> None:
    sealed = seal(AWKWARD, "S1", "results-fingerprint")
    older = [
        {"Item": "Result fingerprint", "Value": sealed.fingerprint},
        {"Item": "Winner", "Value": "S1"},
        {"Item": "Results fingerprint", "Value": "results-fingerprint"},
        *({"Item": v.item, "Value": v.value} for v in AWKWARD),
    ]
    assert seal_problems(read_seal_rows(older), AWKWARD, scored_in_audit=True) == []


def test_a_change_after_scoring_is_named_from_packed_rows() -> None:
    read = read_seal_rows(seal(AWKWARD, "S1", "r").rows())
    current = [*AWKWARD[:1], LockedValue(item="Evaluator A S1 Q1 Score", value="5"), *AWKWARD[2:]]
    [problem] = seal_problems(read, current, scored_in_audit=True)
    assert problem.code == "EVALUATION_CHANGED_AFTER_SCORING"
    assert "Evaluator A S1 Q1 Score changed from 4 to 5" in problem.message


def test_an_edited_packed_row_is_an_altered_seal() -> None:
    rows = seal(AWKWARD, "S1", "r").rows()
    for broken in ('["half a line', str(rows[3]["Value"]).replace("Strong", "Weak")):
        edited = [*rows[:3], {**rows[3], "Value": broken}, *rows[4:]]
        [problem] = seal_problems(read_seal_rows(edited), AWKWARD, scored_in_audit=True)
        assert problem.code == "RESULT_SEAL_ALTERED"


@given(st.lists(st.tuples(st.text(), st.text()), min_size=1, max_size=5))
def test_packed_lines_are_what_the_json_encoder_writes(pairs: list[tuple[str, str]]) -> None:
    """Packing escapes each line itself: it must write what json's encoder writes, byte for byte
    (the fingerprint of a Seal packed before this change must still match)."""
    encoder = json.JSONEncoder(ensure_ascii=False)
    expected = "\n".join(encoder.encode([item, value]) for item, value in pairs)
    text = "".join(value for _, value in packed([LockedValue(i, v) for i, v in pairs]))
    assert text == expected
